#pragma once
// An optional whose value lives on the heap: one pointer wide where std::optional<T> is
// sizeof(T) plus a flag. For the attributes of schema objects that are rarely set (a column's
// comment, collation, generated expression; a table's partitioning) in models of ten thousand
// tables: a std::optional<std::string> costs 40 bytes set or not, this costs 8 unset.
//
// It reads and writes like std::optional (has_value, *, ->, value_or, reset, emplace, = value,
// = std::nullopt, == against a value, an optional or another one) and converts to
// std::optional<T>, so that code written against std::optional keeps compiling.
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace migratecpp::util {

template <typename T> class HeapOptional;

namespace detail {
template <typename U> struct is_optional_like : std::false_type {};
template <typename U> struct is_optional_like<std::optional<U>> : std::true_type {};
template <typename U> struct is_optional_like<HeapOptional<U>> : std::true_type {};
template <> struct is_optional_like<std::nullopt_t> : std::true_type {};
template <typename U>
inline constexpr bool is_optional_like_v = is_optional_like<std::remove_cvref_t<U>>::value;
} // namespace detail

template <typename T> class HeapOptional {
public:
  using value_type = T;

  HeapOptional() noexcept = default;
  HeapOptional(std::nullopt_t) noexcept {}
  HeapOptional(const std::optional<T>& value)
      : m_value(value ? std::make_unique<T>(*value) : nullptr) {}
  HeapOptional(std::optional<T>&& value)
      : m_value(value ? std::make_unique<T>(std::move(*value)) : nullptr) {}
  template <typename U>
  requires(!detail::is_optional_like_v<U> && std::is_constructible_v<T, U&&>)
      HeapOptional(U&& value)
      : m_value(std::make_unique<T>(std::forward<U>(value))) {}
  HeapOptional(const HeapOptional& other)
      : m_value(other.m_value ? std::make_unique<T>(*other.m_value) : nullptr) {}
  HeapOptional(HeapOptional&&) noexcept = default;
  HeapOptional& operator=(const HeapOptional& other) {
    if (this != &other) {
      m_value = other.m_value ? std::make_unique<T>(*other.m_value) : nullptr;
    }
    return *this;
  }
  HeapOptional& operator=(HeapOptional&&) noexcept = default;
  ~HeapOptional() = default;

  bool has_value() const noexcept { return m_value != nullptr; }
  explicit operator bool() const noexcept { return has_value(); }
  T& operator*() & { return *m_value; }
  const T& operator*() const& { return *m_value; }
  T* operator->() { return m_value.get(); }
  const T* operator->() const { return m_value.get(); }
  T& value() & {
    check();
    return *m_value;
  }
  const T& value() const& {
    check();
    return *m_value;
  }
  template <typename U> T value_or(U&& fallback) const {
    return m_value ? *m_value : static_cast<T>(std::forward<U>(fallback));
  }
  void reset() noexcept { m_value.reset(); }
  template <typename... Args> T& emplace(Args&&... args) {
    m_value = std::make_unique<T>(std::forward<Args>(args)...);
    return *m_value;
  }
  operator std::optional<T>() const {
    return m_value ? std::optional<T>(*m_value) : std::optional<T>();
  }

  friend bool operator==(const HeapOptional& a, const HeapOptional& b) {
    return a.has_value() == b.has_value() && (!a.has_value() || *a == *b);
  }
  friend bool operator==(const HeapOptional& a, const std::optional<T>& b) {
    return a.has_value() == b.has_value() && (!a.has_value() || *a == *b);
  }
  friend bool operator==(const HeapOptional& a, std::nullopt_t) noexcept { return !a.has_value(); }
  template <typename U>
  requires(!detail::is_optional_like_v<U>) friend bool operator==(const HeapOptional& a,
                                                                  const U& b) {
    return a.has_value() && *a == b;
  }
  // Ordered as std::optional is: absent first.
  friend bool operator<(const HeapOptional& a, const HeapOptional& b) {
    return b.has_value() && (!a.has_value() || *a < *b);
  }

private:
  void check() const {
    if (!m_value) {
      throw std::bad_optional_access();
    }
  }

  std::unique_ptr<T> m_value;
};

} // namespace migratecpp::util
