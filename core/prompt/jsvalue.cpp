// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/jsvalue.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>

namespace psm::core::js {

std::string numberToString(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value < 0 ? "-Infinity" : "Infinity";
    if (value == 0)
        return "0";
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value,
                                      std::chars_format::scientific);
    const std::string_view sci(buffer, size_t(result.ptr - buffer));
    const size_t ePos = sci.find('e');
    const bool negative = !sci.empty() && sci[0] == '-';
    std::string digits;
    for (size_t i = 0; i < ePos; ++i) {
        if (sci[i] != '-' && sci[i] != '.')
            digits += sci[i];
    }
    const int exponent = std::atoi(std::string(sci.substr(ePos + 1)).c_str());
    const int k = int(digits.size());
    const int n = exponent + 1; // value = 0.digits * 10^n
    std::string out;
    if (negative)
        out += '-';
    if (k <= n && n <= 21) {
        out += digits;
        out.append(size_t(n - k), '0');
    } else if (0 < n && n <= 21) {
        out += digits.substr(0, size_t(n));
        out += '.';
        out += digits.substr(size_t(n));
    } else if (-6 < n && n <= 0) {
        out += "0.";
        out.append(size_t(-n), '0');
        out += digits;
    } else {
        out += digits[0];
        if (k > 1) {
            out += '.';
            out += digits.substr(1);
        }
        out += 'e';
        out += (n - 1 >= 0) ? '+' : '-';
        out += std::to_string(std::abs(n - 1));
    }
    return out;
}

std::string toString(const Json *value)
{
    if (!value)
        return "undefined";
    switch (value->type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::boolean:
        return value->get<bool>() ? "true" : "false";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return numberToString(value->get<double>());
    case Json::value_t::string:
        return value->get_ref<const std::string &>();
    case Json::value_t::array: {
        // Array.prototype.join: null and undefined elements become empty strings.
        std::string out;
        bool first = true;
        for (const Json &element : *value) {
            if (!first)
                out += ',';
            first = false;
            if (!element.is_null())
                out += toString(&element);
        }
        return out;
    }
    case Json::value_t::object:
        return "[object Object]";
    default:
        return {};
    }
}

std::string toDisplay(const Json *value)
{
    if (!value || value->is_null())
        return {};
    return toString(value);
}

namespace {

void quote(std::string &out, std::string_view text)
{
    static const char *const kHex = "0123456789abcdef";
    out += '"';
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 0xF];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

void stringifyInto(std::string &out, const Json &value, std::string_view indent,
                   std::string &current)
{
    switch (value.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded:
        out += "null";
        return;
    case Json::value_t::boolean:
        out += value.get<bool>() ? "true" : "false";
        return;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: {
        const double number = value.get<double>();
        out += std::isfinite(number) ? numberToString(number) : std::string("null");
        return;
    }
    case Json::value_t::string:
        quote(out, value.get_ref<const std::string &>());
        return;
    case Json::value_t::array:
    case Json::value_t::object: {
        const bool isArray = value.is_array();
        if (value.empty()) {
            out += isArray ? "[]" : "{}";
            return;
        }
        out += isArray ? '[' : '{';
        const size_t outer = current.size();
        current += indent;
        bool first = true;
        auto separator = [&] {
            if (!first)
                out += ',';
            first = false;
            if (!indent.empty()) {
                out += '\n';
                out += current;
            }
        };
        if (isArray) {
            for (const Json &element : value) {
                separator();
                stringifyInto(out, element, indent, current);
            }
        } else {
            for (const std::string_view key : keysInJsOrder(value)) {
                separator();
                quote(out, key);
                out += indent.empty() ? ":" : ": ";
                stringifyInto(out, value.find(std::string(key)).value(), indent, current);
            }
        }
        current.resize(outer);
        if (!indent.empty()) {
            out += '\n';
            out += current;
        }
        out += isArray ? ']' : '}';
        return;
    }
    default:
        out += "null";
    }
}

bool isArrayIndex(std::string_view key, uint64_t *index)
{
    if (key.empty() || key.size() > 10 || (key.size() > 1 && key[0] == '0'))
        return false;
    uint64_t n = 0;
    for (const char c : key) {
        if (c < '0' || c > '9')
            return false;
        n = n * 10 + uint64_t(c - '0');
    }
    if (n >= 4294967295ULL)
        return false;
    *index = n;
    return true;
}

} // namespace

std::vector<std::string_view> keysInJsOrder(const Json &object)
{
    std::vector<std::pair<uint64_t, std::string_view>> indices;
    std::vector<std::string_view> rest;
    for (auto it = object.begin(); it != object.end(); ++it) {
        uint64_t index = 0;
        if (isArrayIndex(it.key(), &index))
            indices.emplace_back(index, it.key());
        else
            rest.push_back(it.key());
    }
    if (indices.empty())
        return rest;
    std::sort(indices.begin(), indices.end());
    std::vector<std::string_view> keys;
    keys.reserve(indices.size() + rest.size());
    for (const auto &entry : indices)
        keys.push_back(entry.second);
    keys.insert(keys.end(), rest.begin(), rest.end());
    return keys;
}

std::string stringify(const Json *value, std::string_view indent)
{
    if (!value)
        return "undefined";
    std::string out;
    std::string current;
    stringifyInto(out, *value, indent.substr(0, 10), current);
    return out;
}

const Json *property(const Json *value, std::string_view key)
{
    if (!value || !value->is_object())
        return nullptr;
    const auto found = value->find(std::string(key));
    return found == value->end() ? nullptr : &*found;
}

bool isTruthy(const Json *value)
{
    if (!value)
        return false;
    switch (value->type()) {
    case Json::value_t::null:
        return false;
    case Json::value_t::boolean:
        return value->get<bool>();
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: {
        const double number = value->get<double>();
        return number != 0 && !std::isnan(number);
    }
    case Json::value_t::string:
        return !value->get_ref<const std::string &>().empty();
    default:
        return true;
    }
}

bool isEmpty(const Json *value)
{
    if (value && value->is_array())
        return value->empty();
    if (value && value->is_number() && value->get<double>() == 0)
        return false;
    return !isTruthy(value);
}

Json spread(const Json &value)
{
    if (value.is_object())
        return value;
    Json out = Json::object();
    if (value.is_array()) {
        for (size_t i = 0; i < value.size(); ++i)
            out[std::to_string(i)] = value[i];
    } else if (value.is_string()) {
        const std::string &text = value.get_ref<const std::string &>();
        size_t index = 0;
        for (size_t pos = 0; pos < text.size(); ++index) {
            size_t length = 0;
            decodeAt(text, pos, &length);
            out[std::to_string(index)] = text.substr(pos, length);
            pos += length;
        }
    }
    return out;
}

bool strictEquals(const Json *a, const Json *b)
{
    if (!a || !b)
        return !a && !b;
    if (a->is_number() && b->is_number())
        return a->get<double>() == b->get<double>();
    if (a->type() != b->type())
        return false;
    if (a->is_structured())
        return a == b;
    return *a == *b;
}

double stringToNumber(std::string_view text)
{
    const std::string trimmed(trim(text));
    if (trimmed.empty())
        return 0;
    if (trimmed == "Infinity" || trimmed == "+Infinity")
        return std::numeric_limits<double>::infinity();
    if (trimmed == "-Infinity")
        return -std::numeric_limits<double>::infinity();
    const bool hex = trimmed.size() > 2 && trimmed[0] == '0' && (trimmed[1] == 'x' || trimmed[1] == 'X');
    // strtod accepts more than JS (inf, nan, hex floats): only digits, dots, signs, exponents.
    for (const char c : hex ? trimmed.substr(2) : trimmed) {
        const bool ok = hex ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                            : (std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e'
                               || c == 'E' || c == '+' || c == '-');
        if (!ok)
            return std::numeric_limits<double>::quiet_NaN();
    }
    char *end = nullptr;
    const double value = hex ? double(std::strtoull(trimmed.c_str() + 2, &end, 16))
                             : std::strtod(trimmed.c_str(), &end);
    return end && *end == '\0' ? value : std::numeric_limits<double>::quiet_NaN();
}

bool looseEquals(const Json *a, const Json *b)
{
    const bool aNullish = !a || a->is_null();
    const bool bNullish = !b || b->is_null();
    if (aNullish || bNullish)
        return aNullish && bNullish;
    if (a->is_structured() && b->is_structured())
        return a == b;
    if (a->is_structured() || b->is_structured()) {
        // ToPrimitive of an array or object is its String(), compared with the other side.
        const Json primitive(toString(a->is_structured() ? a : b));
        return looseEquals(a->is_structured() ? &primitive : a, b->is_structured() ? &primitive : b);
    }
    if (a->type() == b->type() || (a->is_number() && b->is_number()))
        return a->is_number() ? a->get<double>() == b->get<double>() : *a == *b;
    auto number = [](const Json &v) {
        if (v.is_boolean())
            return v.get<bool>() ? 1.0 : 0.0;
        if (v.is_string())
            return stringToNumber(v.get_ref<const std::string &>());
        return v.get<double>();
    };
    return number(*a) == number(*b);
}

bool isSpace(char32_t c)
{
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0xA0 || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F
        || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

char32_t decodeAt(std::string_view text, size_t pos, size_t *length)
{
    const auto b0 = static_cast<unsigned char>(text[pos]);
    *length = 1;
    if (b0 < 0x80)
        return b0;
    int extra = 0;
    char32_t cp = 0;
    if ((b0 & 0xE0) == 0xC0) {
        extra = 1;
        cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        extra = 2;
        cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        extra = 3;
        cp = b0 & 0x07;
    } else {
        return b0;
    }
    if (pos + size_t(extra) >= text.size())
        return b0;
    for (int i = 1; i <= extra; ++i) {
        const auto b = static_cast<unsigned char>(text[pos + size_t(i)]);
        if ((b & 0xC0) != 0x80)
            return b0;
        cp = (cp << 6) | (b & 0x3F);
    }
    *length = size_t(extra) + 1;
    return cp;
}

size_t previousStart(std::string_view text, size_t end)
{
    size_t start = end - 1;
    int steps = 0;
    while (start > 0 && steps < 3 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
        --start;
        ++steps;
    }
    size_t length = 0;
    decodeAt(text, start, &length);
    return start + length == end ? start : end - 1;
}

size_t leadingSpace(std::string_view text)
{
    size_t pos = 0;
    while (pos < text.size()) {
        size_t length = 0;
        if (!isSpace(decodeAt(text, pos, &length)))
            break;
        pos += length;
    }
    return pos;
}

size_t trailingSpace(std::string_view text)
{
    size_t end = text.size();
    while (end > 0) {
        const size_t start = previousStart(text, end);
        size_t length = 0;
        if (!isSpace(decodeAt(text, start, &length)))
            break;
        end = start;
    }
    return text.size() - end;
}

std::string_view trim(std::string_view text)
{
    const size_t lead = leadingSpace(text);
    text.remove_prefix(lead);
    text.remove_suffix(trailingSpace(text));
    return text;
}

} // namespace psm::core::js
