#include "reconciler/providers/php_opcache/php_scripts.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::php_opcache {

namespace {

/// Functions both programs share. They mirror php_ini.c: the scan
/// directories come from PHP_INI_SCAN_DIR (an empty element meaning the
/// built-in directory), each is scanned for *.ini in sorted order, and the
/// last file that sets a directive is the one whose value PHP keeps.
constexpr const char *kPrelude = R"php(<?php
function kilter_scan_dirs() {
    $env = getenv('PHP_INI_SCAN_DIR');
    if ($env === false) $env = PHP_CONFIG_FILE_SCAN_DIR;
    if ($env === '') return [];
    $dirs = [];
    foreach (explode(PATH_SEPARATOR, $env) as $d) {
        if ($d === '') $d = PHP_CONFIG_FILE_SCAN_DIR;
        if ($d !== '') $dirs[] = rtrim($d, '/') === '' ? '/' : rtrim($d, '/');
    }
    return $dirs;
}
function kilter_ini_files($dir) {
    $names = @scandir($dir);
    $out = [];
    foreach ($names === false ? [] : $names as $n) {
        if (substr($n, -4) === '.ini' && is_file("$dir/$n")) $out[] = $n;
    }
    return $out;
}
function kilter_directives($files) {
    $setters = [];
    $unreadable = [];
    foreach ($files as [$real, $path]) {
        $ini = @parse_ini_file($path, false, INI_SCANNER_NORMAL);
        if ($ini === false) { $unreadable[] = $real; continue; }
        foreach ($ini as $k => $v) {
            if (strncmp($k, 'opcache.', 8) !== 0) continue;
            $setters[$k][] = [$real, is_array($v) ? json_encode($v) : (string)$v];
        }
    }
    return [$setters, $unreadable];
}
function kilter_effective($values, $setters) {
    $out = new stdClass;
    foreach (is_array($values) ? $values : [] as $k => $v) {
        $out->$k = ['value' => $v, 'setters' => $setters[$k] ?? []];
    }
    return $out;
}
function kilter_json($value) {
    echo json_encode($value, JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE), "\n";
}
)php";

constexpr const char *kRead = R"php(
$dirs = kilter_scan_dirs();
$scanned = [];
$s = php_ini_scanned_files();
foreach ($s === false ? [] : explode(',', $s) as $f) {
    $f = trim($f);
    if ($f !== '') $scanned[] = preg_replace('#/+#', '/', $f);
}
$loaded = php_ini_loaded_file();
$files = [];
if ($loaded !== false) $files[] = [$loaded, $loaded];
foreach ($scanned as $f) $files[] = [$f, $f];
[$setters, $unreadable] = kilter_directives($files);
$managed = [];
foreach (kilter_ini_files($ini_dir) as $n) {
    $h = @fopen("$ini_dir/$n", 'r');
    if ($h === false) { $unreadable[] = "$ini_dir/$n"; continue; }
    $first = fgets($h);
    fclose($h);
    if ($first !== false && strncmp($first, $mark, strlen($mark)) === 0) {
        $managed[] = ['path' => "$ini_dir/$n", 'content' => file_get_contents("$ini_dir/$n")];
    }
}
kilter_json([
    'php_version' => PHP_VERSION,
    'binary' => PHP_BINARY,
    'loaded_ini' => $loaded === false ? null : $loaded,
    'scan_dirs' => $dirs,
    'scanned' => $scanned,
    'opcache' => extension_loaded('Zend OPcache'),
    'directives' => kilter_effective(@ini_get_all('zend opcache', false), $setters),
    'unreadable' => $unreadable,
    'ini_dir_exists' => is_dir($ini_dir),
    'managed' => $managed,
]);
)php";

constexpr const char *kCheck = R"php(
function kilter_rmtree($p) {
    if (is_dir($p) && !is_link($p)) {
        foreach (scandir($p) as $n) if ($n !== '.' && $n !== '..') kilter_rmtree("$p/$n");
        rmdir($p);
    } else {
        @unlink($p);
    }
}
function kilter_start($tmp, $label, $dirs, $real_dirs) {
    $loaded = php_ini_loaded_file();
    if ($loaded === false) { $loaded = "$tmp/empty.ini"; touch($loaded); }
    $args = [PHP_BINARY, '-c', $loaded,
        '-d', 'display_errors=stderr', '-d', 'display_startup_errors=1', '-d', 'log_errors=0',
        '-d', 'html_errors=0', '-d', 'error_reporting=-1',
        '-d', 'opcache.enable_cli=1', '-d', 'opcache.preload=',
        '-r', 'echo json_encode(ini_get_all("zend opcache", false));'];
    $env = getenv();
    $env['PHP_INI_SCAN_DIR'] = implode(PATH_SEPARATOR, $dirs);
    $p = proc_open($args, [0 => ['file', '/dev/null', 'r'], 1 => ['file', "$tmp/$label.out", 'w'],
        2 => ['file', "$tmp/$label.err", 'w']], $pipes, null, $env);
    $rc = $p === false ? 127 : proc_close($p);
    $err = (string)@file_get_contents("$tmp/$label.err");
    $files = [];
    if (php_ini_loaded_file() !== false) $files[] = [php_ini_loaded_file(), php_ini_loaded_file()];
    foreach ($dirs as $i => $d) {
        $err = str_replace("$d/", $real_dirs[$i] . '/', $err);
        foreach (kilter_ini_files($d) as $n) $files[] = [$real_dirs[$i] . "/$n", "$d/$n"];
    }
    [$setters, $unreadable] = kilter_directives($files);
    $values = json_decode((string)@file_get_contents("$tmp/$label.out"), true);
    return ['rc' => $rc, 'stderr' => $err, 'directives' => kilter_effective($values, $setters)];
}
$dirs = kilter_scan_dirs();
$tmp = sys_get_temp_dir() . '/kilter-php-' . bin2hex(random_bytes(8));
if (!@mkdir($tmp, 0700)) { fwrite(STDERR, "cannot create scratch directory $tmp\n"); exit(1); }
$out = ['ini_dir_scanned' => in_array($ini_dir, $dirs, true)];
$out['baseline'] = kilter_start($tmp, 'baseline', $dirs, $dirs);
if (count($staged) > 0) {
    $copies = [];
    foreach ($dirs as $i => $d) {
        $copy = "$tmp/d$i";
        mkdir($copy, 0700);
        foreach (kilter_ini_files($d) as $n) copy("$d/$n", "$copy/$n");
        if ($d === $ini_dir) {
            foreach ($staged as $path => $content) {
                if ($content === null) @unlink("$copy/" . basename($path));
                else file_put_contents("$copy/" . basename($path), $content);
            }
        }
        $copies[] = $copy;
    }
    $out['candidate'] = kilter_start($tmp, 'candidate', $copies, $dirs);
} else {
    $out['candidate'] = $out['baseline'];
}
kilter_rmtree($tmp);
kilter_json($out);
)php";

/// `value` as a PHP single-quoted string literal.
std::string PhpString(const std::string &value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string TrimSlash(const std::string &dir) {
  std::string d = dir;
  while (d.size() > 1 && d.back() == '/') d.pop_back();
  return d;
}

}  // namespace

std::string ReadScript(const std::string &ini_dir) {
  return std::string(kPrelude) + "$ini_dir = " + PhpString(TrimSlash(ini_dir)) + ";\n" +
         "$mark = " + PhpString(kit::MarkPrefix(kit::Comment::kSemicolon, "php.opcache")) +
         ";\n" + kRead;
}

std::string CheckScript(const std::string &ini_dir, const StagedFiles &staged) {
  nlohmann::json files = nlohmann::json::object();
  for (const auto &[path, content] : staged) {
    files[path] = content ? nlohmann::json(*content) : nlohmann::json(nullptr);
  }
  return std::string(kPrelude) + "$ini_dir = " + PhpString(TrimSlash(ini_dir)) + ";\n" +
         "$staged = json_decode(" + PhpString(files.dump()) + ", true);\n" + kCheck;
}

Command PhpCommand(const std::string &php, const std::string &script) {
  Command command;
  command.shell = php +
                  " -d display_errors=stderr -d display_startup_errors=1 -d log_errors=0"
                  " -d html_errors=0";
  command.stdin_data = script;
  return command;
}

nlohmann::json RunPhp(Transport &transport, const std::string &php, const std::string &script,
                      std::string &err, bool *missing) {
  Command command = PhpCommand(php, script);
  return PhpReport(transport.host(), command, transport.Run(command), err, missing);
}

nlohmann::json PhpReport(const std::string &host, const Command &command,
                         const CommandResult &result, std::string &err, bool *missing) {
  err = result.err;
  std::string what = fmt::format("{}: php.opcache: `{}`", host, command.Display());
  if (result.exit_code == 127 && missing) {
    *missing = true;
    return nullptr;
  }
  if (result.exit_code == 127) {
    throw ProviderError(fmt::format("{} did not start: command not found (set `php` in "
                                    "[providers.\"php.opcache\"]): {}",
                                    what, result.err));
  }
  if (!result.ok()) {
    throw ProviderError(fmt::format("{} failed with exit code {}: {}", what, result.exit_code,
                                    result.err.empty() ? result.out : result.err));
  }
  try {
    return nlohmann::json::parse(result.out);
  } catch (const nlohmann::json::exception &) {
    throw ProviderError(fmt::format("{} printed something other than kilter's report: {}", what,
                                    result.out.substr(0, 300)));
  }
}

}  // namespace kilter::reconciler::php_opcache
