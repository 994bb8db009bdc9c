#!/usr/bin/env bash
# Regenerates resources/demo/fine_foods/{train,test}.csv from Debian's r-cran-modeldata (object small_fine_foods).
# Needs R (apt-get install r-base-core r-cran-modeldata); the committed files were made with r-cran-modeldata
# 1.1.0-1 on Debian 12, so the tests and the demo never need R.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/resources/demo/fine_foods"
mkdir -p "$out"
cd "$out"
Rscript -e 'e <- new.env(); data("small_fine_foods", package = "modeldata", envir = e);
            write.csv(e$training_data, "train.csv", row.names = FALSE);
            write.csv(e$testing_data, "test.csv", row.names = FALSE)'
sha256sum train.csv test.csv
