#include "compiler/sema/schema_registry.h"

#include <catch2/catch.hpp>

#include "compiler/sema/root_scope.h"

namespace kilter::compiler {
namespace {

/// Loads every stdlib schema the way Evaluate does.
struct Loaded {
  SourceManager sources;
  Diagnostics diags;
  Reporter rep{diags};
  Evaluator ev{rep};
  HostTable hosts{nullptr};
  Conformer conform{rep, hosts};
  RootScope scope{nullptr};
  SchemaRegistry registry;

  Loaded() { registry.LoadStdlib(sources, diags, ev, scope, conform); }

  std::string Text() const {
    std::string out;
    for (const Diagnostic& d : diags.all()) {
      SourceFile::LineCol p = d.span.file ? d.span.file->Position(d.span.begin)
                                          : SourceFile::LineCol{0, 0};
      out += d.code + " " + (d.span.file ? d.span.file->path() : "-") + ":" +
             std::to_string(p.line) + " " + d.message + "\n";
    }
    return out;
  }
};

TEST_CASE("every stdlib schema loads without a diagnostic", "[schemas]") {
  Loaded loaded;
  INFO(loaded.Text());
  CHECK(loaded.diags.all().empty());
  CHECK(loaded.registry.Find("php.opcache"));
  CHECK(loaded.registry.Find("file"));
}

TEST_CASE("php.opcache is host-wide and complete", "[schemas]") {
  Loaded loaded;
  const Schema* php = loaded.registry.Find("php.opcache");
  REQUIRE(php);
  CHECK(php->host_wide);
  for (const char* directive :
       {"enable", "enable_cli", "memory_consumption", "interned_strings_buffer",
        "max_accelerated_files", "max_wasted_percentage", "use_cwd", "validate_timestamps",
        "revalidate_freq", "revalidate_path", "save_comments", "record_warnings",
        "enable_file_override", "optimization_level", "dups_fix", "blacklist_filename",
        "max_file_size", "consistency_checks", "force_restart_timeout", "error_log",
        "log_verbosity_level", "preferred_memory_model", "protect_memory", "restrict_api",
        "mmap_base", "file_update_protection", "huge_code_pages", "validate_permission",
        "validate_root", "opt_debug_level", "file_cache", "file_cache_only",
        "file_cache_consistency_checks", "file_cache_fallback", "preload", "preload_user",
        "lockfile_path", "jit", "jit_buffer_size", "jit_debug", "jit_bisect_limit",
        "jit_prof_threshold", "jit_max_root_traces", "jit_max_side_traces",
        "jit_max_exit_counters", "jit_hot_loop", "jit_hot_func", "jit_hot_return",
        "jit_hot_side_exit", "jit_blacklist_root_trace", "jit_blacklist_side_trace",
        "jit_max_loop_unrolls", "jit_max_recursive_calls", "jit_max_recursive_returns",
        "jit_max_polymorphic_calls"}) {
    const SemField* f = php->fields->Find(directive);
    INFO(directive);
    REQUIRE(f);
    CHECK(f->default_value);
    CHECK(f->doc.find(std::string("opcache.") + directive) == 0);
  }
  CHECK(php->fields->Find("memory_consumption")->type->kind == SemType::Kind::kSize);
  CHECK(php->fields->Find("revalidate_freq")->type->kind == SemType::Kind::kDuration);
}

}  // namespace
}  // namespace kilter::compiler
