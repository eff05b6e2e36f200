#include <sys/stat.h>

#include <cstdio>
#include <set>

#include <fmt/format.h>

#include "reconciler/cli/atomic_file.h"
#include "reconciler/cli/compile_flags.h"
#include "reconciler/cli/import_probe.h"
#include "reconciler/cli/import_text.h"
#include "reconciler/cli/reconcile_commands.h"
#include "reconciler/cli/reconcile_flags.h"
#include "reconciler/engine/import.h"

namespace kilter::cli {

namespace {

constexpr char kHelp[] =
    "usage: kilter import [PATH...] --host NAME --type TYPE [FILTER...] [-o FILE]\n"
    "\n"
    "Reads the live objects of one resource type on one host and writes them as\n"
    "specs, formatted as `kilter fmt` writes them: one resource per object, with a\n"
    "comment where a value is a default the host does not state or could not be\n"
    "said as the host holds it. Secrets found live (passwords) become env()\n"
    "references, never their values. What the specs at PATH (default: the\n"
    "current directory) already declare on the host is left out; their\n"
    "inventory says how to reach the host and where the service lives (a\n"
    "directory holding only kilter.toml will do).\n"
    "\n"
    "Nothing on the host is changed: kilter adopts the objects as they are (a\n"
    "plan of the imported specs on that host has nothing to do) and writes its\n"
    "ownership marks at the next apply that changes them\n"
    "(docs/providers/authoring.md, Import).\n"
    "\n"
    "Exit status: 0 when the specs were written, 1 on errors or when nothing live\n"
    "matched.\n"
    "\n"
    "flags:\n"
    "  --host NAME          the inventory host to read (required)\n"
    "  --type TYPE          the resource type (required): sysctl, file, mysql.index,\n"
    "                       mysql.server, mysql.user, redis.server, php.opcache,\n"
    "                       php.fpm_pool, bluegreen.service, backup.policy, firewall\n"
    "  -o, --output FILE    write the specs to FILE, a new file (default: stdout)\n"
    "  --inventory FILE     the inventory (default: kilter.toml beside the specs)\n"
    "  --param NAME=VALUE   override a `param` (repeatable)\n"
    "  --color WHEN         colour diagnostics: auto (default), always or never\n"
    "\n"
    "filters (repeatable; an object is imported when it matches each filter given):\n"
    "  sysctl       --key NAME|PATTERN   a kernel parameter, or a shell pattern of\n"
    "                                    those the sysctl.d files set (default: all\n"
    "                                    the sysctl.d files set)\n"
    "  file         --path PATH          a file, or every regular file directly in a\n"
    "                                    directory (required)\n"
    "  mysql.index  --database NAME      a database (required)\n"
    "               --table NAME         a table (default: every table)\n"
    "  mysql.server --variable NAME      a server variable (default: every option the\n"
    "                                    option files start the server with)\n"
    "  mysql.user   --user NAME          an account's user name (default: every account\n"
    "                                    but root and the server's own)\n"
    "  redis.server --address HOST:PORT  the server (default 127.0.0.1:6379)\n"
    "               --config-file PATH   its main config file (default\n"
    "                                    /etc/redis/redis.conf)\n"
    "               --password-env VAR   the variable holding its password here; the\n"
    "                                    specs get requirepass = env(\"VAR\")\n"
    "               --setting NAME       a parameter (default: all its config files set)\n"
    "  php.opcache  --directive NAME     a directive, written even at the schema's\n"
    "                                    default (default: those that differ from it)\n"
    "  php.fpm_pool --pool NAME          a pool (default: every pool of pool_dir)\n"
    "  bluegreen.service --service NAME  a service kilter's nginx files hold (default:\n"
    "                                    all)\n"
    "  backup.policy --policy NAME       a policy kilter's job scripts hold (default:\n"
    "                                    all)\n"
    "  nginx.upstream --upstream NAME    an upstream kilter's files hold (default: all)\n"
    "  nginx.rate_limit --limit NAME     a rate limit kilter's zone files hold\n"
    "                                    (default: all)\n"
    "  firewall     --chain NAME         a chain of kilter's table with its rules\n"
    "                                    (default: the whole table, sets included)\n";

int Run(const std::vector<std::string>& argv) {
  std::vector<std::string> filter_names = reconciler::ImportFilterNames();
  std::set<std::string> options = CompileOptions();
  options.insert({"host", "type", "output"});
  options.insert(filter_names.begin(), filter_names.end());
  Args args(argv, {}, options, {{"o", "output"}});
  std::string host = args.Get("host");
  std::string type = args.Get("type");
  if (host.empty() || type.empty()) throw UsageError("kilter import needs --host and --type");
  if (args.GetAll("host").size() > 1) throw UsageError("kilter import reads one --host");
  std::string output = args.Get("output", "-");
  struct stat st {};
  if (output != "-" && ::stat(output.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
    throw UsageError(fmt::format("{} exists: kilter import writes a new file", output));
  }
  reconciler::ImportRequest request{type, {}, std::nullopt};
  for (const std::string& name : filter_names) {
    if (args.Has(name)) request.filters[name] = args.GetAll(name);
  }

  CompileFlags flags = ReadCompileFlags(Args(CompileArgv(args, 0), {}, CompileOptions()));
  catalog::Catalog catalog;
  if (!CompileImportSpecs(flags, catalog)) return 1;
  request.defaults = SchemaDefaults(flags, type, host);
  reconciler::kit::SpecFile found;
  try {
    found = reconciler::ImportFromHost(catalog, host, request, RealConnector(catalog));
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  if (found.resources.empty()) {
    fmt::print(stderr, "{}{}: no live {} to import{}\n", found.notes, host, type,
               request.filters.empty() ? "" : " that matches the filters");
    return 1;
  }
  WriteOutput(output, ImportedSpecText(found, host, type));
  if (output != "-") {
    fmt::print(stderr, "{}: {} {} resource{} written to {}\n", host, found.resources.size(), type,
               found.resources.size() == 1 ? "" : "s", output);
  }
  return 0;
}

}  // namespace

const CommandSpec kImportCommand = {
    "import", "write specs for the live objects of a type on a host; changes nothing there",
    kHelp, &Run};

}  // namespace kilter::cli
