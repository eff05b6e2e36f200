#include "reconciler/providers/mysql_user/password.h"

#include <algorithm>
#include <cctype>

#include "reconciler/transport/digest.h"

namespace kilter::reconciler::mysql_user {

std::string NativeHash(const std::string& password) {
  std::string hex = Hex(Sha1(Sha1(password)));
  std::transform(hex.begin(), hex.end(), hex.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return "*" + hex;
}

}  // namespace kilter::reconciler::mysql_user
