// Reads one regex per line on stdin; prints RE2's ProgramSize() for each (or "error: ...").
#include <re2/re2.h>
#include <iostream>
#include <string>
int main() {
  std::string line;
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  while (std::getline(std::cin, line)) {
    RE2 re(line, o);
    if (!re.ok()) std::cout << "error: " << re.error() << "\n";
    else std::cout << re.ProgramSize() << "\n";
  }
}
