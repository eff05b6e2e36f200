#pragma once

#include <string>

/// The declared password compared with the server's without either leaving
/// kilter: the server stores a mysql_native_password account's password as
/// "*" + hex(SHA1(SHA1(password))), upper case, which kilter computes with
/// OpenSSL. Apply sets that hash (IDENTIFIED BY PASSWORD), so the plain
/// password never reaches the host, its logs or its process list.
namespace kilter::reconciler::mysql_user {

/// "*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19" for "password".
std::string NativeHash(const std::string& password);

}  // namespace kilter::reconciler::mysql_user
