#include <fmt/format.h>

int main() {
  fmt::print("kilter\n");
  return 0;
}
