; The demo's named.boot(5): named serves demo.zone on port 10053 (make
; demo starts it with -p 10053).  make demo fills in @DEMO@, its scratch
; directory, where it puts the zone.
directory	@DEMO@
primary		demo.test	demo.zone
; Transfers (dig ... demo.test AXFR) from this host only: named answers
; on every address, and the zone is for the demo's own eyes.
xfrnets		127.0.0.0&255.0.0.0 ::1
; Every query logged to the demo's terminal.
options		query-log
