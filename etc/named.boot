;
; named.boot: the boot file of the name server; see named.boot(5).
;
; The manual's caching-only server: the root servers' hints and the
; loopback zone, for which every server is primary.  The manual's sample
; zones for Berkeley.Edu are beside them in @SYSCONFDIR@/named: uncomment
; their two lines to serve them.
;
; type		domain			source file or host
;
directory	@SYSCONFDIR@/named
cache		.			root.cache
primary		0.0.127.in-addr.arpa	named.local
;primary	Berkeley.Edu		ucbhosts
;primary	32.128.in-addr.arpa	ucbhosts.rev
