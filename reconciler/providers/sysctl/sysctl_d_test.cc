#include "reconciler/providers/sysctl/sysctl_d.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::sysctl {

namespace {

const std::vector<std::string> kDirs = {"/etc/sysctl.d", "/run/sysctl.d", "/usr/lib/sysctl.d"};

std::vector<std::string> Paths(const std::vector<ConfFile>& files) {
  std::vector<std::string> out;
  for (const ConfFile& f : files) out.push_back(f.path);
  return out;
}

}  // namespace

TEST_CASE("sysctl.d: files load by name; an earlier directory hides a same-named file",
          "[sysctl]") {
  std::vector<ConfFile> order =
      LoadOrder(kDirs, {{"/usr/lib/sysctl.d",
                         {{"/usr/lib/sysctl.d/50-default.conf", ""},
                          {"/usr/lib/sysctl.d/99-protect.conf", ""}}},
                        {"/etc/sysctl.d",
                         {{"/etc/sysctl.d/50-default.conf", ""},
                          {"/etc/sysctl.d/kilter-web.conf", ""}}},
                        {"/run/sysctl.d", {{"/run/sysctl.d/10-run.conf", ""}}}});
  CHECK(Paths(order) == std::vector<std::string>{
                            "/run/sysctl.d/10-run.conf", "/etc/sysctl.d/50-default.conf",
                            "/usr/lib/sysctl.d/99-protect.conf", "/etc/sysctl.d/kilter-web.conf"});
  CHECK(PlaceOf("kilter-web.conf", order) == 3);
  CHECK(PlaceOf("zz-local.conf", order) == 4);
}

TEST_CASE("sysctl.d: the last assignment wins; comments, blanks and '-' as systemd reads them",
          "[sysctl]") {
  Persisted p({{"/etc/sysctl.d/10-a.conf",
                "# a comment\n; another\n\nnet.core.somaxconn = 1024\n"
                "-net.ipv4.tcp_rmem =\t4096 87380  6291456 \nnot a line\n"},
               {"/etc/sysctl.d/20-b.conf", "net/core/somaxconn=2048\n"}});
  std::optional<Assignment> a = p.Effective("net.core.somaxconn");
  REQUIRE(a);
  CHECK(a->value == "2048");
  CHECK(a->file == "/etc/sysctl.d/20-b.conf");
  CHECK(a->order == 1);
  CHECK(p.Effective("net.ipv4.tcp_rmem")->value == "4096 87380  6291456");
  CHECK_FALSE(p.Effective("net.core.netdev_max_backlog"));
  CHECK(p.Effective("net.core.somaxconn", {"/etc/sysctl.d/20-b.conf"})->value == "1024");
}

TEST_CASE("sysctl.d: an explicit line wins over any glob, a glob over nothing", "[sysctl]") {
  Persisted p({{"/etc/sysctl.d/10-a.conf", "net.ipv4.conf.lo.rp_filter = 0\n"},
               {"/etc/sysctl.d/20-b.conf", "net.ipv4.conf.*.rp_filter = 2\n"}});
  CHECK(p.Effective("net.ipv4.conf.lo.rp_filter")->value == "0");
  std::optional<Assignment> g = p.Effective("net.ipv4.conf.eth0.rp_filter");
  REQUIRE(g);
  CHECK(g->value == "2");
  CHECK(g->glob);
}

}  // namespace kilter::reconciler::sysctl
