// couplinglab-cli: samples the coupling model without a window. The logic lives in
// couplinglab_cli (cli_options, cli_run) so that tests can reach it.
#include <iostream>

#include "app/cli/cli_run.h"

int main(int argc, char** argv) {
    return couplinglab::cli::run(argc, argv, std::cout, std::cerr);
}
