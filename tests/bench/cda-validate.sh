#!/usr/bin/env bash
# CDA validation benchmark (issue #3): one CR-BIO and one CS9 official example, XSD + every schematron of the type
# (4 profils + the volet), validated by
#   (a) the ANS pipeline run as the kit runs it (compilverif.bat, LISEZ-MOI §4.6.3): Saxon-HE command line, ONE JVM PER
#       DOCUMENT PER STEP: selectCDA.xsl, XSD check, then each schematron compiled by the kit's ISO skeleton
#       (iso_dsdl_include → iso_abstract_expand → iso_svrl_for_xslt2) and run on the document;
#   (b) our CdaValidator, warm, in one JVM (CdaValidationBenchmarkTest, -Dcaducee.bench=true).
# Prints "[bench]" lines: both medians per document, the ratio, and the failed-assert counts of both sides (they must
# be equal, otherwise the comparison is void and the script exits 2). Takes ~10 min on a 2-core machine.
# Usage: tests/bench/cda-validate.sh [ANS_RUNS (default 3)]   (CADUCEE_BENCH_SKIP_OURS=1 / _SKIP_ANS=1 to run one side)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
runs="${1:-3}"
shared="$(cd "${CADUCEE_SHARED:-$root/../shared}" && pwd)"
kit="$shared/ans/testcontenucda"
docs=(BIO-CR-BIO_2024.01_TSH_1.xml CSE-CS9_2025.01.xml)
declare -A volet=([BIO-CR-BIO_2024.01_TSH_1.xml]=CI-SIS_BIO-CR-BIO_2024.01.sch [CSE-CS9_2025.01.xml]=CI-SIS_CSE-CS9_2025.01.sch)
profiles=(profils/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch profils/IHE.sch profils/CI-SIS_ModelesDeContenusCDA.sch profils/CI-SIS_Modeles_ANS.sch)
work="$(mktemp -d "${TMPDIR:-/tmp}/caducee-cda-bench.XXXXXX")"
[[ "${CADUCEE_BENCH_KEEP:-}" == 1 ]] && echo "[bench] work directory kept: $work" || trap 'rm -rf "$work"' EXIT
now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
count() { { grep -o "$1" "$2" || true; } | wc -l; }
ms() { awk -v n="$1" 'BEGIN {printf "%.0f", n / 1e6}'; }

ours_out="$work/ours.txt"
if [[ "${CADUCEE_BENCH_SKIP_OURS:-}" != 1 ]]; then
  echo "[bench] (b) CdaValidator warm in one JVM (Tycho surefire, builds the modules it needs)…"
  xvfb-run -a ./mvnw -B ${CADUCEE_MVN_OPTS:-} verify -pl tests/org.caducee.cda.tests -am -Dcaducee.bench=true \
    -Dtest=CdaValidationBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dcaducee.test.pg.url= \
    -Dcaducee.shared="$shared" > "$work/mvn.log" 2>&1 || { grep -E 'ERROR|FAIL' "$work/mvn.log" | head -40; exit 1; }
  grep -E '^\[bench\]' "$work/mvn.log" | tee "$ours_out"
fi

[[ "${CADUCEE_BENCH_SKIP_ANS:-}" == 1 ]] && exit 0
echo "[bench] (a) ANS pipeline, one JVM per document per step, $runs runs per document…"
repo="${MAVEN_REPO:-$HOME/.m2/repository}"
m2jar() { echo "$repo/$(echo "$1" | tr . /)/$2/$3/$2-$3${4:+-$4}.jar"; }
saxon="$(m2jar net.sf.saxon Saxon-HE 12.10)"
resolver="$(m2jar org.xmlresolver xmlresolver 5.3.3)"
resolver_data="$(m2jar org.xmlresolver xmlresolver 5.3.3 data)"
for a in net.sf.saxon:Saxon-HE:12.10 org.xmlresolver:xmlresolver:5.3.3 org.xmlresolver:xmlresolver:5.3.3:jar:data; do
  f="$(m2jar $(echo "$a" | awk -F: '{print $1, $2, $3, $5}'))"
  [[ -f "$f" ]] || ./mvnw -B -q dependency:get -Dartifact="$a" -Dtransitive=false
done
cp="$saxon:$resolver:$resolver_data"
saxon_run() { java -cp "$cp" net.sf.saxon.Transform "$@"; }

# The kit copy the pipeline writes into (compiled .xsl must sit next to the .sch: value sets are read relative to it),
# with the same two kit defects patched as org.caducee.cda does at run time (internal/kit-fixes.properties):
k="$work/kit"
mkdir -p "$k" "$work/tmp" "$work/out"
cp -r "$kit/schematrons" "$kit/jeuxDeValeurs" "$kit/infrastructure" "$k/"
[[ -f "$k/jeuxDeValeurs/JDV_SpecimenType_CISIS.xml" ]] || cp "$k/jeuxDeValeurs/JDV_HL7_SpecimenType_CISIS.xml" "$k/jeuxDeValeurs/JDV_SpecimenType_CISIS.xml"
javac -d "$work" tests/bench/cda/XsdCheck.java

# Compile each schematron once with the kit's skeleton (3 JVMs each); compilverif.bat redoes this for every document,
# the figures below count it apart (compile time printed, verify median is what is compared).
declare -A compile_ms
schs=("${profiles[@]}" "${volet[@]}")
for sch in "${schs[@]}"; do
  [[ -n "${compile_ms[$sch]:-}" ]] && continue
  base="${sch%.sch}"
  t0=$(now)
  saxon_run -s:"$k/schematrons/$sch" -xsl:"$k/schematrons/moteur/iso_dsdl_include.xsl" -o:"$work/tmp/colle.sch" 2> "$work/compile.err" \
    && saxon_run -s:"$work/tmp/colle.sch" -xsl:"$k/schematrons/moteur/iso_abstract_expand.xsl" -o:"$work/tmp/concret.sch" 2>> "$work/compile.err" \
    && saxon_run -s:"$work/tmp/concret.sch" -xsl:"$k/schematrons/moteur/iso_svrl_for_xslt2.xsl" -o:"$k/schematrons/$base.xsl" 2>> "$work/compile.err" \
    || { echo "[bench] ANS compile of $sch failed:"; tail -20 "$work/compile.err"; exit 1; }
  compile_ms[$sch]=$(ms $(( $(now) - t0 )))
  echo "[bench] ans compile $(basename "$base"): ${compile_ms[$sch]} ms (3 JVMs)"
done

declare -A ans_median ans_failed
for doc in "${docs[@]}"; do
  name="${doc%.xml}"
  list=("${profiles[@]}" "${volet[$doc]}")
  : > "$work/times"
  for ((r = 1; r <= runs; r++)); do
    t0=$(now)
    saxon_run -s:"$kit/ExemplesCDA/$doc" -xsl:"$k/schematrons/moteur/selectCDA.xsl" -o:"$work/tmp/$doc"
    java -cp "$work" XsdCheck "$work/tmp/$doc" "$k/infrastructure/cda/CDA_extended.xsd" > "$work/out/$name.xsd.txt"
    for sch in "${list[@]}"; do
      saxon_run -s:"$work/tmp/$doc" -xsl:"$k/schematrons/${sch%.sch}.xsl" -o:"$work/out/$name.$(basename "${sch%.sch}").svrl" 2>> "$work/run.err"
    done
    echo $(( $(now) - t0 )) >> "$work/times"
  done
  ans_median[$doc]=$(ms "$(median < "$work/times")")
  failed=0
  line="XSD $(grep -o 'errors=[0-9]*' "$work/out/$name.xsd.txt")"
  compile=0
  for sch in "${list[@]}"; do
    svrl="$work/out/$name.$(basename "${sch%.sch}").svrl"
    f=$(count '<svrl:failed-assert' "$svrl")
    rep=$(count '<svrl:successful-report' "$svrl")
    failed=$((failed + f))
    compile=$((compile + compile_ms[$sch]))
    line="$line $(basename "${sch%.sch}") failed=$f reports=$rep"
    grep -A3 '<svrl:failed-assert' "$svrl" | grep -o '<svrl:text>[^<]*' | sed "s/^<svrl:text>/[bench]   ans $(basename "${sch%.sch}"): /" | head -20 || true
  done
  ans_failed[$doc]=$failed
  echo "[bench] ans svrl $doc: $line"
  echo "[bench] ans failed-assert total $doc: $failed"
  echo "[bench] ans $doc median ${ans_median[$doc]} ms per document ($runs runs: selectCDA + XSD + ${#list[@]} schematrons, 1 JVM each); with compilverif's recompilation of the ${#list[@]} schematrons: $((ans_median[$doc] + compile)) ms"
done

[[ -f "$ours_out" ]] || exit 0
void=0
total_ans=0
total_ours=0
for doc in "${docs[@]}"; do
  ours=$(grep -F "[bench] caducee $doc median" "$ours_out" | awk '{print $(NF-6)}')
  ours_failed=$(grep -F "[bench] caducee failed-assert total $doc:" "$ours_out" | awk '{print $NF}')
  ratio=$(awk -v a="${ans_median[$doc]}" -v b="$ours" 'BEGIN {printf "%.0f", a / b}')
  echo "[bench] $doc: ANS ${ans_median[$doc]} ms, Caducée $ours ms → ${ratio}× faster; failed-assert ANS ${ans_failed[$doc]} / Caducée $ours_failed"
  [[ "${ans_failed[$doc]}" == "$ours_failed" ]] || void=1
  total_ans=$((total_ans + ans_median[$doc]))
  total_ours=$(awk -v a="$total_ours" -v b="$ours" 'BEGIN {print a + b}')
done
awk -v a="$total_ans" -v b="$total_ours" -v n="${#docs[@]}" 'BEGIN {printf "[bench] mean of the medians: ANS %.0f ms, Caducée %.1f ms per document → ratio %.0f× (goal ≥ 20×, < 500 ms)\n", a / n, b / n, a / b}'
if [[ $void == 1 ]]; then
  echo "[bench] VOID: the two pipelines do not report the same failed assertions"
  exit 2
fi
