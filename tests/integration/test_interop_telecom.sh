#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Interop of the operator-network and home-network fields (Diameter, GTP, PFCP, RADIUS,
# syslog, SSDP, UPnP, mDNS, TLS/DTLS certificate names) with tshark, run here on each
# capture: per sender IP, every value tshark shows where vendorsniff decodes it equals
# vendorsniff's evidence, and every value vendorsniff reports is one tshark shows
# (interop_telecom.py holds the mapping and the exceptions by design). First the project's
# own captures, then the shared corpus's captures that carry these fields, when
# ../shared/corpus exists. Skipped (77) without tshark (Debian's tshark package).
set -u
: "${VS_BIN:?VS_BIN must name the vendorsniff binary}"
: "${VS_SRC:?VS_SRC must name the source root}"
TSHARK=${VS_TSHARK:-$(command -v tshark || true)}
[[ -n $TSHARK ]] || { echo "test_interop_telecom: SKIPPED: tshark not installed (apt-get install tshark)"; exit 77; }
PY=$(command -v python3 || true)
[[ -n $PY ]] || { echo "test_interop_telecom: SKIPPED: needs python3"; exit 77; }
fail=0

# Every capture of the project (core_diameter, mobile_core, bng_radius, ne_syslog, home_ssdp,
# home_mdns and tls_devices carry these fields; the others check that nothing is invented,
# hostile strings included) but those made unreadable on purpose (test_cli reads them).
own=()
for f in "$VS_SRC"/tests/captures/*.pcap "$VS_SRC"/tests/captures/*.pcapng; do
    case $(basename "$f") in
    bad_magic.pcap | not_a_capture.pcap | empty.pcap | truncated.pcap) ;;
    *) own+=("$f") ;;
    esac
done
echo "test_interop_telecom: the project's captures"
timeout 600 "$PY" "$VS_SRC/tests/integration/interop_telecom.py" "$VS_BIN" "${own[@]}" \
    --tshark "$TSHARK" || fail=1

corpus=${VS_CORPUS:-$VS_SRC/../shared/corpus}
if [[ -d $corpus/pcap ]]; then
    # Every capture of the corpus that carries one of these fields (a run over all of
    # pcap/ finds values in these only): SSDP, syslog (one over PPPoE), mDNS queries,
    # GTP-U, CAPWAP's DTLS, and TLS from public servers.
    shared=()
    for c in ndpi__1kxun ndpi__starcraft_battle suricata-verify__output-eve-ftp-data__input \
        arkime__ospf ndpi__syslog ndpi__zoom packetnet__LinuxCookedCapturev2 pcapplusplus__sll \
        arkime__gtp-iphone ndpi__capwap; do
        shared+=("$corpus/pcap/$c.pcap")
    done
    echo "test_interop_telecom: the shared corpus ($corpus)"
    timeout 900 "$PY" "$VS_SRC/tests/integration/interop_telecom.py" "$VS_BIN" "${shared[@]}" \
        --tshark "$TSHARK" || fail=1
else
    echo "test_interop_telecom: shared corpus not found at $corpus: its part is skipped"
fi
exit $fail
