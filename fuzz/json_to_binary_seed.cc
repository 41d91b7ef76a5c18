// Turns JSON EvaluateRequests (examples/*.json, fuzz/seeds/json/*.json) into
// binary seeds for evaluate_fuzzer, with the project's own protobuf classes:
//   purring_fuzz_seed OUT_DIR IN.json...
// Files that are not a valid request are skipped with a note; it fails only
// when no seed at all could be written.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "google/protobuf/util/json_util.h"
#include "purring/v1/evaluate.pb.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: " << argv[0] << " OUT_DIR IN.json...\n";
    return 2;
  }
  const std::string out_dir = argv[1];
  int written = 0;
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    purring::v1::EvaluateRequest request;
    const auto status =
        google::protobuf::util::JsonStringToMessage(text.str(), &request);
    if (!status.ok()) {
      std::cerr << "skipped " << argv[i] << ": " << status.ToString() << "\n";
      continue;
    }
    const std::string out = out_dir + "/seed_" + std::to_string(written) + ".bin";
    std::ofstream file(out, std::ios::binary);
    file << request.SerializeAsString();
    if (!file) {
      std::cerr << "cannot write " << out << "\n";
      return 1;
    }
    ++written;
  }
  std::cerr << "wrote " << written << " binary seeds to " << out_dir << "\n";
  return written > 0 ? 0 : 1;
}
