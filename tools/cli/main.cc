// purring: the command-line host of the engine.
//
//   purring evaluate [--as-of INSTANT] [--json] LEDGER.json
//   purring report --month YYYY-MM [--as-of INSTANT] LEDGER.json
//   purring version
//
// Exit status: 0 on success, 1 when the ledger cannot be read or the engine
// refuses it, 2 on a usage error (also a malformed option value). Messages
// go to stderr, prefixed "purring:".
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "ledger_input.h"
#include "overview.h"
#include "purring/engine.h"

namespace purring::cli {
namespace {

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

constexpr char kUsage[] =
    "usage: purring evaluate [--as-of INSTANT] [--json] LEDGER.json\n"
    "       purring report --month YYYY-MM [--as-of INSTANT] LEDGER.json\n"
    "       purring version\n"
    "\n"
    "LEDGER.json is a purring.v1.EvaluateRequest in the proto3 JSON mapping\n"
    "(or binary, when the name ends in .pb or .bin, in any case).\n"
    "  --as-of INSTANT  evaluate at this instant instead of the ledger's asOf:\n"
    "                   RFC 3339 (2026-11-28T10:00:00+01:00), or a date\n"
    "                   (2026-11-28) meaning 12:00 Oslo time\n"
    "  --json           print the whole EvaluateResponse as JSON\n"
    "  --month YYYY-MM  the month of the reports\n";

struct Options {
  std::string command;
  std::string ledger;
  std::optional<std::string> as_of;
  std::optional<std::string> month;
  bool json = false;
};

int UsageError(const std::string& message) {
  std::cerr << "purring: " << message << "\n" << kUsage;
  return kExitUsage;
}

int Failure(const std::string& message) {
  std::cerr << "purring: " << message << "\n";
  return kExitFailure;
}

// Parses argv; returns an error message, empty on success.
std::string ParseArguments(const std::vector<std::string>& args,
                           Options* options) {
  if (args.empty()) return "no command given";
  options->command = args[0];
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](std::optional<std::string>* out) -> std::string {
      if (i + 1 >= args.size()) return arg + " needs a value";
      *out = args[++i];
      return "";
    };
    std::string error;
    if (arg == "--help" || arg == "-h") {
      options->command = "help";  // `purring evaluate --help` asks for usage
    } else if (arg == "--as-of") {
      if (options->as_of.has_value()) return "--as-of given twice";
      error = value(&options->as_of);
    } else if (absl::StartsWith(arg, "--as-of=")) {
      if (options->as_of.has_value()) return "--as-of given twice";
      options->as_of = arg.substr(8);
    } else if (arg == "--month") {
      if (options->month.has_value()) return "--month given twice";
      error = value(&options->month);
    } else if (absl::StartsWith(arg, "--month=")) {
      if (options->month.has_value()) return "--month given twice";
      options->month = arg.substr(8);
    } else if (arg == "--json") {
      options->json = true;
    } else if (absl::StartsWith(arg, "-") && arg != "-") {
      error = "unknown option " + arg;
    } else if (!options->ledger.empty()) {
      error = "more than one ledger file given";
    } else {
      options->ledger = arg;
    }
    if (!error.empty()) return error;
  }
  return "";
}

absl::StatusOr<v1::EvaluateResponse> EvaluateLedger(
    const Options& options, const v1::EvaluateRequest& request) {
  absl::StatusOr<v1::EvaluateResponse> response = Evaluate(request);
  if (!response.ok()) {
    return absl::Status(
        response.status().code(),
        absl::StrCat(options.ledger, ": the engine refused the ledger: ",
                     response.status().message(), " (",
                     absl::StatusCodeToString(response.status().code()), ")"));
  }
  return response;
}

int Run(const std::vector<std::string>& args) {
  Options options;
  if (std::string error = ParseArguments(args, &options); !error.empty()) {
    return UsageError(error);
  }
  if (options.command == "help" || options.command == "--help" ||
      options.command == "-h") {
    std::cout << kUsage;
    return 0;
  }
  if (options.command == "version" || options.command == "--version") {
    if (args.size() > 1) return UsageError("version takes no arguments");
    std::cout << "purring " << Version() << "\n";
    return 0;
  }
  if (options.command != "evaluate" && options.command != "report") {
    return UsageError("unknown command \"" + options.command + "\"");
  }
  if (options.ledger.empty()) return UsageError("no ledger file given");
  // An option of the other command is named first: giving what is missing
  // would not help.
  if (options.command == "evaluate" && options.month.has_value()) {
    return UsageError("--month belongs to the report command");
  }
  if (options.command == "report" && options.json) {
    return UsageError("--json belongs to the evaluate command");
  }
  if (options.command == "report" && !options.month.has_value()) {
    return UsageError("report needs --month YYYY-MM");
  }

  const OsloClock oslo = OsloClock::Load();
  // Option values are checked before the ledger is read, so a malformed one
  // is a usage error (exit 2) whatever the ledger holds.
  std::optional<absl::Time> as_of;
  if (options.as_of.has_value()) {
    absl::StatusOr<absl::Time> parsed = ParseAsOf(*options.as_of, oslo);
    if (!parsed.ok()) return UsageError(std::string(parsed.status().message()));
    as_of = *parsed;
  }
  if (options.month.has_value()) {
    absl::Status month = CheckReportMonth(*options.month);
    if (!month.ok()) return UsageError(std::string(month.message()));
  }
  absl::StatusOr<v1::EvaluateRequest> request = ReadRequest(options.ledger);
  if (!request.ok()) return Failure(std::string(request.status().message()));
  if (as_of.has_value()) SetAsOf(*as_of, &*request);
  absl::StatusOr<v1::EvaluateResponse> response =
      EvaluateLedger(options, *request);
  if (!response.ok()) return Failure(std::string(response.status().message()));

  if (options.command == "report") {
    absl::StatusOr<std::string> text =
        FormatMonthlyReport(*response, *options.month);
    if (!text.ok()) return Failure(std::string(text.status().message()));
    std::cout << *text;
    return 0;
  }
  if (options.json) {
    google::protobuf::util::JsonPrintOptions print;
    print.add_whitespace = true;
    print.always_print_primitive_fields = true;
    std::string json;
    const auto status =
        google::protobuf::util::MessageToJsonString(*response, &json, print);
    if (!status.ok()) {
      return Failure("cannot print the response as JSON: " +
                     status.message().as_string());
    }
    std::cout << json;
    return 0;
  }
  std::cout << FormatOverview(*request, *response, oslo);
  return 0;
}

}  // namespace
}  // namespace purring::cli

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    const int status = purring::cli::Run(args);
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "purring: cannot write the output\n";
      return 1;
    }
    return status;
  } catch (const std::exception& e) {
    std::cerr << "purring: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "purring: internal error\n";
  }
  return 1;
}
