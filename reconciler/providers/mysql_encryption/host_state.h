#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/mysql_encryption/settings.h"

namespace kilter::reconciler::mysql_encryption {

/// One table of the server's databases, and for an InnoDB table its
/// tablespace as information_schema.INNODB_TABLESPACES_ENCRYPTION reports it.
struct TableState {
  std::string name;         ///< "opencart.oc_product"
  std::string engine;       ///< "InnoDB", "MyISAM", ...
  std::string options;      ///< CREATE_OPTIONS: "ENCRYPTED=NO" for a hand opt-out
  int scheme = 0;           ///< ENCRYPTION_SCHEME: 1 once encrypted (0: no row)
  int min_key_version = 0;  ///< MIN_KEY_VERSION: 0 while some page is unencrypted
  int current_key_version = 0;
  bool rotating = false;    ///< ROTATING_OR_FLUSHING: the threads are at work on it

  bool encrypted() const {
    return engine == "InnoDB" && scheme == 1 && min_key_version > 0 && !rotating;
  }
  /// Created or altered with ENCRYPTED=NO: the threads leave it alone.
  bool opted_out() const;
};

/// The key file as read on the host: never its content, only whether it is
/// the declared key (compared by digest in Read).
struct KeyFileState {
  bool exists = false;
  bool same = false;  ///< its SHA-256 is the declared key's
  std::string mode;   ///< octal permission bits, "600"
  std::string owner;
};

/// What Read found on one host: the plugin, the encryption variables live,
/// the include directory's option files, the key file and the tables.
struct HostState {
  bool plugin_active = false;                   ///< file_key_management is loaded
  std::map<std::string, std::string> variables;  ///< lower-case name -> GLOBAL_VALUE
  std::map<std::string, std::string> files;      ///< kilter's option files: path -> content
  /// Other option files of the include directory: path -> the variables they
  /// set (never their text, which may hold passwords).
  std::map<std::string, std::vector<std::string>> others;
  /// Of every option file of the include directory: variable -> value set
  /// last in name order, and the file that sets it.
  std::map<std::string, std::pair<std::string, std::string>> persisted;
  KeyFileState key;
  std::vector<TableState> tables;

  nlohmann::json ToJson() const;
  static HostState FromJson(const nlohmann::json& json);
};

/// The variables kilter's option file sets, in the order it writes them.
const std::vector<std::string>& Variables();

/// The SQL that reads the plugin, the variables and the tables, one JSON
/// object a line.
std::string StateSql();
/// StateSql's output into `state`; std::invalid_argument on a line that is
/// not one of its objects.
void ParseStateSql(const std::string& out, HostState& state);

/// The one batch: the SQL read, the key file's stat and digest, the option files.
kit::ReadBatch ReadBatchFor(const Settings& settings);

/// The batch's result as a HostState; `declared_key` is the key file content
/// the specs declare ("" when none does), compared by digest and dropped.
HostState StateFrom(const std::string& host, const Settings& settings,
                    const kit::BatchResult& read, const std::string& declared_key);

}  // namespace kilter::reconciler::mysql_encryption
