// result.h: a value or an error (errno plus context), for every fallible call
// in libnet.  This toolchain has no std::expected.
#pragma once

#include <cerrno>
#include <string>
#include <utility>
#include <variant>

namespace net {

// An errno value with the context it happened in ("bind 127.0.0.1:7").
struct error {
	int code = 0;
	std::string context;

	// "context: strerror(code)", or just the context when code is 0.
	std::string message() const;
};

// An error from errno as it is now, with the given context.
error last_error(std::string context);

template <class T>
class [[nodiscard]] result {
public:
	result(T v) : v_(std::move(v)) {}
	result(error e) : v_(std::move(e)) {}

	bool ok() const { return v_.index() == 0; }
	explicit operator bool() const { return ok(); }

	T &value() & { return std::get<0>(v_); }
	const T &value() const & { return std::get<0>(v_); }
	T &&value() && { return std::get<0>(std::move(v_)); }
	T &operator*() & { return value(); }
	const T &operator*() const & { return value(); }
	T *operator->() { return &value(); }
	const T *operator->() const { return &value(); }

	const error &err() const { return std::get<1>(v_); }

private:
	std::variant<T, error> v_;
};

template <>
class [[nodiscard]] result<void> {
public:
	result() = default;
	result(error e) : e_(std::move(e)), failed_(true) {}

	bool ok() const { return !failed_; }
	explicit operator bool() const { return ok(); }
	const error &err() const { return e_; }

private:
	error e_;
	bool failed_ = false;
};

// A failed result from errno as it is now.
inline error
fail(std::string context)
{
	return last_error(std::move(context));
}

// A failed result with an explicit errno value (0 for "not an OS error").
inline error
fail(int code, std::string context)
{
	return error{code, std::move(context)};
}

} // namespace net
