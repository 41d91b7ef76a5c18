#include "ledger_fixture.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>

#include "google/protobuf/util/json_util.h"
#include "ledger_generator.h"
#include "purring.h"

namespace purring::bench {
namespace {

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "purring benchmark: %s\n", what);
  std::abort();
}

void ParseRequest(const Ledger& ledger, v1::EvaluateRequest& request) {
  if (!request.ParseFromArray(ledger.request.data(),
                              static_cast<int>(ledger.request.size()))) {
    Die("cannot parse the ledger");
  }
}

}  // namespace

Ledger& LedgerOfSize(int invoices) {
  static auto* ledgers = new std::map<int, std::unique_ptr<Ledger>>();
  std::unique_ptr<Ledger>& slot = (*ledgers)[invoices];
  if (slot != nullptr) return *slot;
  slot = std::make_unique<Ledger>();
  slot->invoices = invoices;
  {
    tools::LedgerOptions options;
    options.invoices = invoices;
    options.seed = 1;
    std::string request;
    if (!tools::GenerateLedger(options).SerializeToString(&request)) {
      Die("cannot serialize the generated ledger");
    }
    slot->request = HostBytes(request);
  }
  // The engine's response, computed once: BM_Floor serializes it.
  purring_buffer out{nullptr, 0};
  const int rc =
      purring_evaluate(slot->request.data(), slot->request.size(), &out);
  if (rc != PURRING_OK) {
    std::fprintf(stderr, "purring_evaluate: %s: %.*s\n",
                 purring_status_name(rc), static_cast<int>(out.size),
                 reinterpret_cast<const char*>(out.data));
    Die("the generated ledger does not evaluate");
  }
  slot->response.assign(reinterpret_cast<const char*>(out.data), out.size);
  purring_buffer_free(&out);
  return *slot;
}

const std::string& RequestJson(Ledger& ledger) {
  if (ledger.request_json.empty()) {
    v1::EvaluateRequest request;
    ParseRequest(ledger, request);
    if (!google::protobuf::util::MessageToJsonString(request,
                                                     &ledger.request_json)
             .ok()) {
      Die("cannot print the ledger as JSON");
    }
  }
  return ledger.request_json;
}

HostBytes RequestWithThreads(const Ledger& ledger, int threads) {
  v1::EvaluateRequest request;
  ParseRequest(ledger, request);
  request.mutable_options()->set_threads(threads);
  std::string bytes;
  if (!request.SerializeToString(&bytes)) Die("cannot serialize the ledger");
  return HostBytes(bytes);
}

}  // namespace purring::bench
