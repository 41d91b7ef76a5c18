#!/usr/bin/python3
"""Writes examples/demo_ledger.json: a demo EvaluateRequest (proto3 JSON).

A small invented company, Nordlys Verktøy AS, with 40 customers (persons and
businesses) and about 200 invoices whose histories put them in every status
of the dunning overview on 2026-11-28: not due, paid, before the cutoff,
ready to send, deadline not expired, waiting, do not dun, below the minimum
amount, on hold (one disputed), consider collection and in collection. It also has partial
payments, credit notes, a waived fee, a customer without an address and
automatic progression.

Deterministic: the same script writes the same bytes. Usage:
  /usr/bin/python3 examples/make_demo_ledger.py [OUT.json]
Only the standard library is used; dates are datetime.date, money is int øre.
"""

import argparse
import datetime
import fractions
import json
import os
import random
import sys

AS_OF = datetime.date(2026, 11, 28)
DAY = datetime.timedelta(days=1)
STEP_NAMES = {"STEP_KIND_REMINDER": "reminder", "STEP_KIND_DUNNING": "dunning",
              "STEP_KIND_COLLECTION_WARNING": "collection_warning"}

# Forsinkelsesrente per half-year in basis points (docs/law.md § 1.2).
RATES = [(datetime.date(2024, 1, 1), 1250), (datetime.date(2025, 7, 1), 1225),
         (datetime.date(2026, 1, 1), 1200), (datetime.date(2026, 7, 1), 1225)]

PERSON_NAMES = [
    "Kari Nordmann", "Ola Hansen", "Ingrid Johansen", "Lars Olsen",
    "Silje Larsen", "Magnus Andersen", "Nora Pedersen", "Henrik Nilsen",
    "Emma Kristiansen", "Jonas Jensen", "Sofie Karlsen", "Erik Johnsen",
    "Maja Pettersen", "Anders Eriksen", "Thea Berg", "Sindre Haugen",
    "Ida Hagen", "Martin Johannessen", "Vilde Andreassen", "Kristian Jacobsen",
    "Marte Dahl", "Even Jørgensen", "Hanna Halvorsen", "Tobias Henriksen",
    "Julie Lund", "Sander Sørensen"]
BUSINESS_NAMES = [
    "Fjellbekk Rør AS", "Havbris Eiendom AS", "Nordkapp Transport AS",
    "Solsiden Kafé AS", "Granlund Bygg AS", "Lysaker Elektro AS",
    "Bergen Bakeri AS", "Tromsø Marina AS", "Vestland Snekkeri AS",
    "Oslo Kontorservice AS", "Trøndelag Maskin AS", "Sørlandet Regnskap AS",
    "Lofoten Sjømat AS", "Hamar Gartneri AS"]
STREETS = ["Storgata", "Kirkeveien", "Parkveien", "Skolegata", "Elvegata",
           "Bjørkeveien", "Strandgata", "Fjordveien"]
CITIES = [("0150", "Oslo"), ("5003", "Bergen"), ("7011", "Trondheim"),
          ("9008", "Tromsø"), ("4006", "Stavanger"), ("2317", "Hamar"),
          ("4610", "Kristiansand"), ("8006", "Bodø")]

DO_NOT_DUN_CUSTOMER = "K1007"
NO_ADDRESS_CUSTOMER = "K1013"
RASK_CUSTOMERS = {"K1004", "K1010", "K1016", "K1022"}  # custom profile "rask"


def iso(day):
  return day.isoformat()


def rate_on(day):
  rate = RATES[0][1]
  for start, bp in RATES:
    if day >= start:
      rate = bp
  return rate


def interest(principal, first_day, last_day):
  """Simple interest from first_day to last_day inclusive, actual/actual,
  rounded half up once to øre (the same rule as the engine's defaults)."""
  total = fractions.Fraction(0)
  day = first_day
  while day <= last_day:
    year_days = 366 if (day.year % 4 == 0 and day.year % 100 != 0) else 365
    total += fractions.Fraction(principal * rate_on(day), 10000 * year_days)
    day += DAY
  return int(total + fractions.Fraction(1, 2))


def max_fee(sent):
  """The statutory reminder-fee maximum by send date: 1/20 of the
  inkassosats (700 kr to 2025, 750 kr in 2026), docs/law.md § 3."""
  return 3750 if sent.year >= 2026 else 3500


class Demo:
  def __init__(self):
    self.rng = random.Random(20261128)
    self.customers = []
    self.invoices = []     # dicts without "number" until numbering
    self.notices = []      # (invoice dict, notice dict)
    self.cases = []        # (invoice dict, case dict)

  # Customers ---------------------------------------------------------------

  def make_customers(self):
    persons, businesses = iter(PERSON_NAMES), iter(BUSINESS_NAMES)
    for i in range(40):
      cid = "K%d" % (1001 + i)
      business = i % 3 == 0 and i < 40
      name = next(businesses) if business else next(persons)
      customer = {"id": cid, "name": name,
                  "crmType": "CUSTOMER_TYPE_BUSINESS" if business
                             else "CUSTOMER_TYPE_PERSON"}
      if cid != NO_ADDRESS_CUSTOMER:
        code, city = CITIES[i % len(CITIES)]
        customer["postalAddress"] = {
            "lines": ["%s %d" % (STREETS[i % len(STREETS)], 3 + i * 7 % 60)],
            "postalCode": code, "city": city, "countryCode": "NO"}
        slug = name.lower().replace(" as", "").replace(" ", ".")
        slug = slug.replace("ø", "o").replace("å", "a").replace("æ", "ae")
        if business:
          customer["companyEmail"] = "post@%s.no" % slug.replace(".", "")
          customer["invoiceEmail"] = "faktura@%s.no" % slug.replace(".", "")
          customer["organizationNumber"] = str(910000000 + i * 7919)
        elif i % 4 != 1:  # a quarter of the persons get letters by post
          customer["invoiceEmail"] = "%s@epost.no" % slug
      if cid == DO_NOT_DUN_CUSTOMER:
        customer["doNotDun"] = True
        customer["comment"] = "Avtale om nedbetaling, ikke purr"
      if cid in RASK_CUSTOMERS:
        customer["profileId"] = "rask"
      if cid == "K1026":
        # The B/P switch: a sole trader kept as a person in the CRM.
        customer["typeOverride"] = "CUSTOMER_TYPE_BUSINESS"
        customer["comment"] = "Enkeltpersonforetak, behandles som bedrift"
      self.customers.append(customer)

  def business(self, customer):
    kind = customer.get("typeOverride", customer["crmType"])
    return kind == "CUSTOMER_TYPE_BUSINESS"

  def sequence(self, customer):
    if customer["id"] in RASK_CUSTOMERS:
      return ["STEP_KIND_DUNNING", "STEP_KIND_COLLECTION_WARNING"]
    return ["STEP_KIND_REMINDER", "STEP_KIND_DUNNING",
            "STEP_KIND_COLLECTION_WARNING"]

  def strictness(self, customer):
    if customer["id"] in RASK_CUSTOMERS:
      return "medium"
    return "streng" if self.business(customer) else "medium"

  def pick_customer(self, pool=None):
    choices = pool or [c for c in self.customers
                       if c["id"] not in (DO_NOT_DUN_CUSTOMER,
                                          NO_ADDRESS_CUSTOMER)]
    return self.rng.choice(choices)

  # Invoices -----------------------------------------------------------------

  def amount(self):
    # 400 kr to 40 000 kr, most below 10 000 kr, in whole kroner.
    kroner = self.rng.choice([400, 650, 990, 1250, 1800, 2400, 3150, 4500,
                              5990, 7800, 9400, 12500, 18750, 24000, 39900])
    return kroner * 100 + self.rng.choice([0, 0, 0, 50])

  def add_invoice(self, customer, due, **extra):
    amount = self.amount()
    terms = 30 if self.business(customer) else 14
    invoice = {"customerId": customer["id"],
               "invoiceDate": iso(due - terms * DAY), "dueDate": iso(due),
               "amount": amount, "vatAmount": amount // 5}
    invoice.update(extra)
    self.invoices.append(invoice)
    return invoice

  def add_history(self, invoice, customer, steps_sent, last_sent):
    """Records the first steps_sent steps of the customer's sequence, the
    last sent on last_sent, each after the previous deadline + 14 days (the
    default days_after_deadline), charging fees and interest as the
    customer's profile does. Returns the notices and the amount they
    charged."""
    steps = self.sequence(customer)[:steps_sent]
    gaps = [self.rng.randint(29, 40) for _ in steps[1:]]
    sent = [last_sent - sum(gaps[i:]) * DAY for i in range(len(steps))]
    fee_bearing_first = steps[0] != "STEP_KIND_REMINDER"
    # A fee only 14 days after the due date as moved past weekends and
    # holidays (up to 5 days, from Maundy Thursday): 19 is always enough.
    offset = self.rng.randint(19, 24) if fee_bearing_first else \
        self.rng.randint(2, 9)
    due = sent[0] - offset * DAY
    invoice["dueDate"] = iso(due)
    terms = 30 if self.business(customer) else 14
    invoice["invoiceDate"] = iso(due - terms * DAY)
    strict = self.strictness(customer)
    channel = "CHANNEL_EMAIL" if ("invoiceEmail" in customer or
                                  "companyEmail" in customer) else "CHANNEL_POST"
    charged, interest_from = 0, due + DAY
    notices = []
    for step, day in zip(steps, sent):
      fee = 0 if step == "STEP_KIND_REMINDER" else max_fee(day)
      claims_interest = strict == "streng" or fee > 0
      charge = 0
      if claims_interest:
        charge = interest(invoice["amount"], interest_from, day)
        interest_from = day + DAY
      notice = {"invoiceNumber": None, "step": step, "sentDate": iso(day),
                "deadline": iso(day + 14 * DAY), "fee": fee,
                "interest": charge, "channel": channel,
                "letterId": "%s/%s/%s" % (customer["id"], STEP_NAMES[step],
                                          iso(day))}
      charged += fee + charge
      notices.append(notice)
      self.notices.append((invoice, notice))
    return notices, charged

  def days_ago(self, low, high):
    return AS_OF - self.rng.randint(low, high) * DAY

  def build(self):
    self.make_customers()
    rng = self.rng
    # Before the cutoff: old open invoices from the previous solution.
    for _ in range(5):
      c = self.pick_customer()
      self.add_invoice(c, datetime.date(2023, 12, 1) +
                       rng.randint(0, 40) * DAY, comment="Fra gammelt system")
    # Paid on time, spread over 2024-2026.
    for _ in range(35):
      c = self.pick_customer()
      due = datetime.date(2024, 2, 1) + rng.randint(0, 1000) * DAY
      inv = self.add_invoice(c, due)
      inv["payments"] = [{"id": "B%05d" % len(self.invoices),
                          "date": iso(due - rng.randint(0, 6) * DAY),
                          "amount": inv["amount"]}]
    # Paid in full after a reminder and a dunning notice.
    for i in range(12):
      c = self.pick_customer()
      inv = self.add_invoice(c, AS_OF)
      last = AS_OF - rng.randint(60, 600) * DAY
      notices, charged = self.add_history(inv, c, 2, last)
      paid_on = last + rng.randint(3, 12) * DAY
      # Once claimed, interest runs until the day the principal is paid;
      # counting from the unadjusted due date errs on the side of paying a
      # few øre too much, never too little.
      fees = sum(n["fee"] for n in notices)
      due = datetime.date.fromisoformat(inv["dueDate"])
      owed = inv["amount"] + fees + interest(inv["amount"], due + DAY, paid_on)
      inv["payments"] = [{"id": "B%05d" % len(self.invoices),
                          "date": iso(paid_on), "amount": owed}]
      if i == 0:
        # Gebyr trukket: the fee was waived after a phone call, and the
        # customer paid the rest.
        notices[-1]["feeWaivedDate"] = iso(last + 2 * DAY)
        inv["payments"][0]["amount"] -= notices[-1]["fee"]
    # One invoice settled by a credit note and a payment.
    c = self.pick_customer()
    inv = self.add_invoice(c, AS_OF - 70 * DAY)
    credit = inv["amount"] // 4
    inv["creditNotes"] = [{"number": "KN-2026-014",
                           "date": iso(AS_OF - 75 * DAY), "amount": credit}]
    inv["payments"] = [{"id": "B-KN", "date": iso(AS_OF - 68 * DAY),
                        "amount": inv["amount"] - credit}]
    # Not due yet, a few partly paid in advance.
    for i in range(35):
      c = self.pick_customer()
      inv = self.add_invoice(c, AS_OF + rng.randint(2, 40) * DAY)
      if i % 10 == 3:
        inv["payments"] = [{"id": "B%05d" % len(self.invoices),
                            "date": iso(AS_OF - 2 * DAY),
                            "amount": inv["amount"] // 2}]
    # Ready to send the first step (past the 14-day fee wait for "rask").
    for i in range(24):
      c = self.pick_customer()
      inv = self.add_invoice(c, self.days_ago(16, 75))
      if i % 6 == 2:
        inv["payments"] = [{"id": "B%05d" % len(self.invoices),
                            "date": iso(self.days_ago(1, 10)),
                            "amount": inv["amount"] * 3 // 10}]
    # The customer without an address has two invoices ready for dunning.
    no_address = [c for c in self.customers
                  if c["id"] == NO_ADDRESS_CUSTOMER][0]
    for _ in range(2):
      self.add_invoice(no_address, self.days_ago(20, 45))
    # Ready for the second or third step.
    for steps_sent, count in ((1, 8), (2, 6)):
      for _ in range(count):
        c = self.pick_customer()
        inv = self.add_invoice(c, AS_OF)
        self.add_history(inv, c, steps_sent, self.days_ago(30, 50))
    # Deadline not expired: the last notice sent within 28 days.
    for i in range(28):
      c = self.pick_customer()
      inv = self.add_invoice(c, AS_OF)
      steps_sent = 1 + i % 3 if c["id"] not in RASK_CUSTOMERS else 1 + i % 2
      self.add_history(inv, c, steps_sent, self.days_ago(1, 26))
      if i % 7 == 4:
        inv["payments"] = [{"id": "B%05d" % len(self.invoices),
                            "date": iso(self.days_ago(0, 5)),
                            "amount": inv["amount"] // 3}]
      if i == 9:
        inv["creditNotes"] = [{"number": "KN-2026-021",
                               "date": iso(AS_OF - 3 * DAY),
                               "amount": inv["amount"] // 5}]
    # Waiting: "rask" customers' first step carries a fee, so it waits
    # until 14 days after the due date (inkassoforskriften § 1-2).
    rask = [c for c in self.customers if c["id"] in RASK_CUSTOMERS]
    for i in range(6):
      self.add_invoice(rask[i % len(rask)], self.days_ago(3, 12))
    # Do not dun: the flagged customer's invoices, and flagged invoices.
    flagged = [c for c in self.customers if c["id"] == DO_NOT_DUN_CUSTOMER]
    for _ in range(3):
      self.add_invoice(flagged[0], self.days_ago(20, 90))
    for _ in range(3):
      c = self.pick_customer()
      self.add_invoice(c, self.days_ago(20, 90), doNotDun=True,
                       comment="Kreditert etter avtale, avventer kreditnota")
    # On hold: one disputed after a dunning notice, manual stops.
    c = self.pick_customer([x for x in self.customers
                            if x["id"] not in RASK_CUSTOMERS and
                            x["id"] != DO_NOT_DUN_CUSTOMER and
                            "postalAddress" in x])
    inv = self.add_invoice(c, AS_OF)
    self.add_history(inv, c, 2, self.days_ago(12, 20))
    inv["holds"] = [{"kind": "HOLD_KIND_OBJECTION",
                     "reason": "Kunden bestrider antall timer fakturert",
                     "startDate": iso(self.days_ago(5, 9))}]
    inv["comment"] = "Innsigelse mottatt via portalen"
    for i in range(5):
      c = self.pick_customer()
      inv = self.add_invoice(c, self.days_ago(20, 60))
      hold = {"kind": "HOLD_KIND_MANUAL", "reason": "Midlertidig stopp",
              "startDate": iso(self.days_ago(1, 15))}
      if i % 2 == 0:
        hold["endDate"] = iso(AS_OF + rng.randint(5, 20) * DAY)
      inv["holds"] = [hold]
    # Every step sent, the last deadline passed: consider collection.
    for _ in range(10):
      c = self.pick_customer()
      inv = self.add_invoice(c, AS_OF)
      self.add_history(inv, c, len(self.sequence(c)), self.days_ago(30, 70))
    # Transferred to collection, in each case state.
    states = ["COLLECTION_CASE_STATE_NOT_STARTED"] * 2 + \
        ["COLLECTION_CASE_STATE_ACTIVE"] * 4 + \
        ["COLLECTION_CASE_STATE_CLOSED"] * 2
    for i, state in enumerate(states):
      c = self.pick_customer()
      inv = self.add_invoice(c, AS_OF)
      last = self.days_ago(60, 300)
      self.add_history(inv, c, len(self.sequence(c)), last)
      case = {"invoiceNumber": None,
              "transferredDate": iso(last + rng.randint(30, 35) * DAY),
              "state": state, "caseReference": "IP-2026-%04d" % (101 + i),
              "agency": "Inkassopartner AS"}
      if state == "COLLECTION_CASE_STATE_CLOSED":
        case["closedDate"] = iso(last + 50 * DAY)
      self.cases.append((inv, case))

  def add_below_minimum(self):
    """Below the minimum amount (settings' minimumAmount, 50 kr): paid short
    by 12 kr, overdue for a month, not worth a letter. Added after the others
    are numbered, and numbered last, so that theirs stay as they were."""
    c = self.pick_customer()
    inv = self.add_invoice(c, self.days_ago(25, 40))
    number = 10000 + len(self.invoices)
    inv["number"] = str(number)
    inv["paymentReference"] = kid(number)
    inv["payments"] = [{"id": "B%05d" % len(self.invoices),
                        "date": inv["dueDate"],
                        "amount": inv["amount"] - 1200}]

  def number(self):
    """Numbers the invoices in invoice-date order, from 10001: the five
    old ones come first and fall before the cutoff 10006."""
    order = sorted(range(len(self.invoices)),
                   key=lambda i: (self.invoices[i]["invoiceDate"], i))
    for n, index in enumerate(order):
      inv = self.invoices[index]
      inv["number"] = str(10001 + n)
      inv["paymentReference"] = kid(10001 + n)
    for inv, notice in self.notices:
      notice["invoiceNumber"] = inv["number"]
    for inv, case in self.cases:
      case["invoiceNumber"] = inv["number"]

  def request(self):
    self.build()
    self.number()
    self.add_below_minimum()
    invoices = sorted(self.invoices, key=lambda inv: int(inv["number"]))
    ordered = [dict([("number", inv["number"])] +
                    [(k, v) for k, v in inv.items() if k != "number"])
               for inv in invoices]
    notices = sorted((n for _, n in self.notices),
                     key=lambda n: (n["sentDate"], int(n["invoiceNumber"])))
    cases = sorted((c for _, c in self.cases),
                   key=lambda c: int(c["invoiceNumber"]))
    return {
        "asOf": "2026-11-28T09:00:00Z",
        "lastSynchronized": "2026-11-28T08:45:00Z",
        "settings": settings(),
        "customers": self.customers,
        "invoices": ordered,
        "history": {"notices": notices, "collectionCases": cases},
    }


def kid(number):
    """A KID with a MOD10 (Luhn) check digit."""
    digits = [int(d) for d in str(number)]
    total = 0
    for i, d in enumerate(reversed(digits)):
      if i % 2 == 0:
        d *= 2
        if d > 9:
          d -= 9
      total += d
    return "%d%d" % (number, (10 - total % 10) % 10)


def settings():
  return {
      "company": {
          "name": "Nordlys Verktøy AS",
          "organizationNumber": "912345674",
          "address": {"lines": ["Industriveien 12"], "postalCode": "0581",
                      "city": "Oslo", "countryCode": "NO"},
          "phone": "+47 22 11 22 33", "email": "post@nordlys-verktoy.no",
          "bankAccount": "1503.12.34567"},
      "vatRegistered": True,
      "startFromInvoiceNumber": "10006",
      "progression": "MODE_AUTOMATIC",
      "collectionTransfer": "MODE_MANUAL",
      "firstDispatch": "FIRST_DISPATCH_TOMORROW_AFTER_11",
      "automationEnabledAt": "2026-11-02T08:30:00Z",
      "contactPhone": "+47 22 11 22 40",
      "contactEmail": "purring@nordlys-verktoy.no",
      "emailPreference": "EMAIL_PREFERENCE_INVOICE_EMAIL",
      "accounting": {"receivableAccount": "1500", "feeAccount": "8050",
                     "interestAccount": "8050",
                     "compensationAccount": "8051", "department": "100"},
      "defaultPersonProfile": "medium",
      "defaultBusinessProfile": "streng",
      "profiles": [{"id": "rask", "name": "Rask bedrift",
                    "sequence": "STEP_SEQUENCE_DUNNING_WARNING",
                    "strictness": "FEE_STRICTNESS_MEDIUM",
                    "deadlineDays": 14}],
      "minimumAmount": "5000",
      "objectionLinkTemplate":
          "https://portal.nordlys-verktoy.no/innsigelse?faktura={invoice}"
          "&kunde={customer}",
  }


def main(argv):
  here = os.path.dirname(os.path.abspath(__file__))
  parser = argparse.ArgumentParser(
      description="Writes the demo ledger (193 invoices, proto3 JSON). For "
      "large ledgers use purring-generate (README).")
  parser.add_argument("out", nargs="?",
                      default=os.path.join(here, "demo_ledger.json"),
                      help="where to write it (default: %(default)s)")
  out = parser.parse_args(argv[1:]).out
  text = json.dumps(Demo().request(), ensure_ascii=False, indent=1) + "\n"
  with open(out, "w", encoding="utf-8") as f:
    f.write(text)


if __name__ == "__main__":
  main(sys.argv)
