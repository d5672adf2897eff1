#pragma once

// The four plots with x = iteration, for code that shows them all.
#include "ui/plots/acceptance_plot.h"
#include "ui/plots/step_size_plot.h"
#include "ui/plots/trace_plot.h"
#include "ui/plots/tree_depth_plot.h"
