// Evaluates a one-invoice ledger through the installed C++ API.
#include <iostream>

#include "purring/engine.h"

int main() {
  purring::v1::EvaluateRequest request;
  request.mutable_as_of()->set_seconds(1795860000);  // 2026-11-28T10:00:00Z
  purring::v1::Customer* customer = request.add_customers();
  customer->set_id("K1");
  customer->set_name("Kari Nordmann");
  purring::v1::Invoice* invoice = request.add_invoices();
  invoice->set_number("1001");
  invoice->set_customer_id("K1");
  invoice->set_invoice_date("2026-10-01");
  invoice->set_due_date("2026-10-15");
  invoice->set_amount(100000);
  absl::StatusOr<purring::v1::EvaluateResponse> response =
      purring::Evaluate(request);
  if (!response.ok()) {
    std::cerr << response.status() << "\n";
    return 1;
  }
  std::cout << "purring " << purring::Version() << ": "
            << response->results_size() << " result(s)\n";
  return response->results_size() == 1 ? 0 : 1;
}
