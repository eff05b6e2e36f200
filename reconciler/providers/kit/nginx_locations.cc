#include "reconciler/providers/kit/nginx_locations.h"

#include <optional>

namespace kilter::reconciler::kit {

namespace {

const char kFileMarker[] = "# configuration file ";

/// nginx's tokens: words (quotes removed), and the punctuation ';', '{',
/// '}'. A "# configuration file PATH:" comment becomes the token "#PATH".
class Tokens {
 public:
  explicit Tokens(const std::string& text) : text_(text) {}

  std::optional<std::string> Next() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (isspace(static_cast<unsigned char>(c))) {
        ++pos_;
      } else if (c == '#') {
        size_t end = text_.find('\n', pos_);
        if (end == std::string::npos) end = text_.size();
        std::string comment = text_.substr(pos_, end - pos_);
        pos_ = end;
        if (comment.rfind(kFileMarker, 0) == 0 && comment.back() == ':') {
          return "#" +
                 comment.substr(sizeof(kFileMarker) - 1, comment.size() - sizeof(kFileMarker));
        }
      } else if (c == ';' || c == '{' || c == '}') {
        ++pos_;
        return std::string(1, c);
      } else if (c == '"' || c == '\'') {
        return Quoted(c);
      } else {
        return Word();
      }
    }
    return std::nullopt;
  }

 private:
  std::string Quoted(char quote) {
    std::string word;
    for (++pos_; pos_ < text_.size() && text_[pos_] != quote; ++pos_) {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
      word += text_[pos_];
    }
    ++pos_;
    return word;
  }

  std::string Word() {
    size_t start = pos_;
    while (pos_ < text_.size() && !isspace(static_cast<unsigned char>(text_[pos_])) &&
           text_[pos_] != ';' && text_[pos_] != '{' && text_[pos_] != '}') {
      ++pos_;
    }
    return text_.substr(start, pos_ - start);
  }

  const std::string& text_;
  size_t pos_ = 0;
};

std::string Joined(const std::vector<std::string>& words, size_t from) {
  std::string out;
  for (size_t i = from; i < words.size(); ++i) out += (out.empty() ? "" : " ") + words[i];
  return out;
}

}  // namespace

std::vector<NginxLocation> NginxLocations(const std::string& dump) {
  std::vector<NginxLocation> found;
  // Per open block: the index of its location in `found`, or -1.
  std::vector<long> open;
  std::vector<std::string> words;
  std::string file;
  Tokens tokens(dump);
  while (std::optional<std::string> t = tokens.Next()) {
    if ((*t)[0] == '#') {
      file = t->substr(1);
      open.clear();
      words.clear();
    } else if (*t == "{") {
      if (!words.empty() && words[0] == "location") {
        found.push_back({Joined(words, 1), file, {}, {}});
        open.push_back(static_cast<long>(found.size()) - 1);
      } else {
        open.push_back(-1);
      }
      words.clear();
    } else if (*t == "}") {
      if (!open.empty()) open.pop_back();
      words.clear();
    } else if (*t == ";") {
      long at = open.empty() ? -1 : open.back();
      if (at >= 0 && words.size() > 1 && words[0] == "include") {
        found[at].includes.push_back(words[1]);
      } else if (at >= 0 && !words.empty() && words[0] == "limit_req") {
        found[at].limit_req.push_back(Joined(words, 1));
      }
      words.clear();
    } else {
      words.push_back(*t);
    }
  }
  return found;
}

}  // namespace kilter::reconciler::kit
