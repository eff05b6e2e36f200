#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include "compiler/base/spellcheck.h"
#include "reconciler/apply/forget.h"
#include "reconciler/cli/reconcile_commands.h"
#include "reconciler/cli/reconcile_flags.h"

namespace kilter::cli {

namespace {

constexpr char kHelp[] =
    "usage: kilter forget HOST PROVIDER [PATH...] [--auto-approve] [flags]\n"
    "\n"
    "Takes PROVIDER (e.g. mysql.index, firewall) out of HOST's provider index, "
    "the\n"
    "list of providers that applied something there. kilter reads every "
    "provider\n"
    "the index lists, to find what it still owns and plan its deletes; when "
    "the\n"
    "service behind a provider is gone for good (its server removed), that "
    "read\n"
    "fails on every plan. Forgetting it stops the reads; whatever the "
    "provider\n"
    "made on the host stays as it is.\n"
    "\n"
    "Refused while the specs under PATH (default: the current directory) "
    "declare a\n"
    "resource of PROVIDER on HOST (each is named with its location). Asks for\n"
    "confirmation on a terminal; without one it needs --auto-approve. Takes "
    "the\n"
    "host's apply lock and changes nothing but the index.\n"
    "\n"
    "Exit status: 0 removed (or not listed), 1 refused or failed.\n"
    "\n"
    "flags:\n"
    "  --auto-approve       remove without asking\n"
    "  --inventory FILE     the inventory (default: kilter.toml beside the "
    "specs)\n"
    "  --param NAME=VALUE   override a `param` (repeatable)\n";

int Run(const std::vector<std::string>& argv) {
  Args args(argv, {"auto-approve"}, {"inventory", "param", "color"});
  const auto& pos = args.positionals();
  if (pos.size() < 2) throw UsageError("expected `kilter forget HOST PROVIDER [PATH...]`");
  const std::string& host_name = pos[0];
  const std::string& name = pos[1];
  if (!args.Has("auto-approve") && !::isatty(::fileno(stdin))) {
    throw UsageError(
        "standard input is not a terminal, so kilter cannot ask for "
        "confirmation: pass --auto-approve to forget without asking");
  }
  catalog::Catalog catalog;
  if (!CompileSpecs(CompileArgv(args, 2), catalog)) return 1;
  const catalog::Host* host = catalog.FindHost(host_name);
  if (!host) {
    std::vector<std::string> names;
    for (const catalog::Host& h : catalog.hosts) names.push_back(h.name);
    std::string hint = compiler::DidYouMean(host_name, names);
    fmt::print(stderr, "kilter forget: no host \"{}\" in the inventory{}\n", host_name,
               hint.empty() ? "" : " (" + hint + ")");
    return 1;
  }

  // A provider this kilter does not know can still be listed (by an older or
  // newer kilter): it is forgotten by the name the index records.
  reconciler::ProviderRegistry registry;
  std::unique_ptr<reconciler::Provider> provider = registry.MakeByName(name);
  if (!provider) provider = registry.make(name);
  const std::string index_name = provider ? provider->name() : name;
  if (provider) reconciler::CheckNothingDeclared(catalog, host->name, *provider);

  std::unique_ptr<reconciler::Transport> transport = RealConnector(catalog)(*host);
  reconciler::EngineSettings engine = reconciler::EngineSettingsFor(*host);
  std::vector<std::string> index =
      reconciler::ReadHostState(*transport, engine.state_dir).providers;
  if (std::find(index.begin(), index.end(), index_name) == index.end()) {
    std::vector<std::string> known = index;
    for (const std::string& type : registry.types()) known.push_back(type);
    std::string hint = compiler::DidYouMean(name, known);
    fmt::print(
        "{}: the provider index ({}/providers) does not list {}{}; "
        "nothing to do.\n",
        host->name, engine.state_dir, name, hint.empty() ? "" : " (" + hint + ")");
    return provider ? 0 : 1;
  }
  if (!args.Has("auto-approve") &&
      !AskYes(fmt::format("Take {} out of the provider index of {}? kilter will stop looking "
                          "there for what it owns; nothing else changes. Only 'yes' removes "
                          "it: ",
                          index_name, host->name))) {
    fmt::print("Cancelled: nothing was changed.\n");
    return 1;
  }
  reconciler::ForgetProvider(*transport, engine, index_name,
                             reconciler::CurrentHolder(reconciler::NewRunId()));
  fmt::print("{}: {} taken out of the provider index ({}/providers).\n", host->name, index_name,
             engine.state_dir);
  return 0;
}

}  // namespace

const CommandSpec kForgetCommand = {
    "forget", "take a provider whose service is gone out of a host's provider index", kHelp, &Run};

}  // namespace kilter::cli
