// purring-generate: writes a synthetic ledger (an EvaluateRequest).
//
//   purring-generate --invoices N [--seed S] [--binary] OUT
//
// JSON (the proto3 mapping) by default; --binary writes the protobuf
// encoding. The same N and S give the same file.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "absl/strings/numbers.h"
#include "google/protobuf/util/json_util.h"
#include "ledger_generator.h"
#include "purring/limits.h"

namespace {

constexpr char kUsage[] =
    "usage: purring-generate --invoices N [--seed S] [--binary] OUT\n";

int Usage(const std::string& message) {
  std::cerr << "purring-generate: " << message << "\n" << kUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  purring::tools::LedgerOptions options;
  bool binary = false;
  bool have_count = false;
  std::string out;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--invoices" || arg == "--seed") && i + 1 < argc) {
      const std::string value = argv[++i];
      if (arg == "--invoices") {
        if (!absl::SimpleAtoi(value, &options.invoices) || options.invoices < 0) {
          return Usage("--invoices needs a count, not \"" + value + "\"");
        }
        // A larger ledger is one no evaluation takes (and past ~15 million
        // its encoding passes protobuf's 2 GB).
        if (options.invoices > purring::kMaxInvoices) {
          return Usage("--invoices is at most " +
                       std::to_string(purring::kMaxInvoices) +
                       " (purring/limits.h: kMaxInvoices)");
        }
        have_count = true;
      } else if (!absl::SimpleAtoi(value, &options.seed)) {
        return Usage("--seed needs an unsigned number, not \"" + value + "\"");
      }
    } else if (arg == "--binary") {
      binary = true;
    } else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (arg.empty() || arg[0] == '-' || !out.empty()) {
      return Usage("unexpected argument \"" + arg + "\"");
    } else {
      out = arg;
    }
  }
  if (!have_count) return Usage("--invoices is required");
  if (out.empty()) return Usage("no output file given");

  const purring::v1::EvaluateRequest request =
      purring::tools::GenerateLedger(options);
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  if (!file) {
    std::cerr << "purring-generate: cannot write " << out << "\n";
    return 1;
  }
  if (binary) {
    if (!request.SerializeToOstream(&file)) {
      std::cerr << "purring-generate: cannot serialize the ledger\n";
      return 1;
    }
  } else {
    std::string json;
    google::protobuf::util::JsonPrintOptions print;
    print.add_whitespace = true;
    if (!google::protobuf::util::MessageToJsonString(request, &json, print).ok()) {
      std::cerr << "purring-generate: cannot print the ledger as JSON\n";
      return 1;
    }
    file << json;
  }
  file.close();
  if (!file) {
    std::cerr << "purring-generate: cannot write " << out << "\n";
    return 1;
  }
  return 0;
}
