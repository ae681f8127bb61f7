#!/usr/bin/env bash
# Regenerates the page images in docs/forms from the fixtures, through the CLI as an office runs it (PDF: the
# document's HTML printed by headless Chromium; XLSX through LibreOffice). Look at every image before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
OUT=docs/forms
bem() { npm run -s bem -- "$@" >/dev/null; }
store() { rm -f "$T/$1.sqlite"; npm run -s bem -- import "test/fixtures/$1.jsonl" --store "$T/$1.sqlite" >/dev/null; }

# the first page (from $3, default 1) whose text holds $2
page_of() {
  local pdf=$1 title=$2 from=${3:-1} pages
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  for i in $(seq "$from" "$pages"); do
    if pdftotext -f "$i" -l "$i" "$pdf" - | tr -d ' \n' | grep -q "$title"; then echo "$i"; return; fi
  done
  echo "$from"
}
shot() { pdftoppm -png -r 60 -f "$2" -l "$2" -singlefile "$1" "$OUT/$3"; }

store xihu-2022
bem evaluate --department xh-ybj --year 2022 --profile national --format pdf --out "$T/xihu.pdf" --store "$T/xihu-2022.sqlite"
shot "$T/xihu.pdf" 1 department-report-1
shot "$T/xihu.pdf" 2 department-report-2
shot "$T/xihu.pdf" "$(page_of "$T/xihu.pdf" 部门整体支出绩效评价基础数据表 2)" basic-data-table-2
p=$(page_of "$T/xihu.pdf" 绩效目标自评表 2)
shot "$T/xihu.pdf" "$p" indicator-table-1
shot "$T/xihu.pdf" $((p + 1)) indicator-table-2
shot "$T/xihu.pdf" "$(page_of "$T/xihu.pdf" 自评打分表 2)" score-table-1
bem evaluate --department xh-ybj --year 2022 --profile national --format xlsx --out "$T/xihu.xlsx" --store "$T/xihu-2022.sqlite"
(cd "$T" && timeout 180 libreoffice --headless --convert-to pdf xihu.xlsx >/dev/null 2>&1)
shot "$T/xihu.pdf" "$(page_of "$T/xihu.pdf" 基础数据表)" xlsx-basic-data-table
shot "$T/xihu.pdf" "$(page_of "$T/xihu.pdf" 绩效目标自评表)" xlsx-indicator-table

store kaifu-2020
bem evaluate --department kf-ybj --year 2020 --format pdf --out "$T/kaifu.pdf" --store "$T/kaifu-2020.sqlite"
shot "$T/kaifu.pdf" "$(page_of "$T/kaifu.pdf" 部门整体支出绩效评价基础数据表 2)" basic-data-table-1

store leshan-program
bem program --program ylfw-nlts --department ls-ybj --year 2019 --format pdf --out "$T/leshan.pdf" --store "$T/leshan-program.sqlite"
shot "$T/leshan.pdf" 1 program-table-1
shot "$T/leshan.pdf" 2 program-table-2

store sichuan-2020
bem evaluate --project sc-2020-capacity --year 2020 --profile sichuan-2020 --format pdf --out "$T/capacity.pdf" --store "$T/sichuan-2020.sqlite"
shot "$T/capacity.pdf" 1 project-self-evaluation-p-1
p=$(page_of "$T/capacity.pdf" 打分表 2)
shot "$T/capacity.pdf" "$p" project-scoring-table-p-4
shot "$T/capacity.pdf" $((p + 1)) project-scoring-table-p-5
bem monitor --department sc-ybj --year 2020 --as-of 2020-07-31 --format pdf --out "$T/monitor.pdf" --store "$T/sichuan-2020.sqlite"
shot "$T/monitor.pdf" 1 monitoring-p-1
shot "$T/monitor.pdf" 3 monitoring-p-3

store tangxi-2022
bem evaluate --project tx-2022-wt --year 2022 --unit 万元 --decimals 3 --format pdf --out "$T/tangxi.pdf" --store "$T/tangxi-2022.sqlite"
shot "$T/tangxi.pdf" 1 published-self-evaluation-1
shot "$T/tangxi.pdf" 2 published-self-evaluation-2
echo "written: $(ls "$OUT"/*.png | wc -l) images in $OUT"
