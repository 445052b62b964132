#!/bin/bash
# A one-node Slurm cluster for the tests: munged, slurmctld and slurmd on this
# host, with a slurm.conf in DIR (no accounting: the CLI follows jobs with
# squeue and the marker files its scripts write).
#
#   slurm_cluster.sh start DIR   # writes DIR/slurm.conf, starts the daemons, waits for an idle node
#   slurm_cluster.sh stop DIR    # stops what start started
#
# When the cluster cannot be started here (not root, slurm-wlm or munge not
# installed), start writes the reason to DIR/unavailable and exits 0: the
# Slurm suite then skips each test with that reason (a fixture setup that
# failed would hide the reason behind "fixture failed").
set -u
cmd="${1:-}"
dir="${2:-}"
if [ -z "$cmd" ] || [ -z "$dir" ]; then
    echo "usage: $0 start|stop DIR" >&2
    exit 2
fi
mkdir -p "$dir"
conf="$dir/slurm.conf"

unavailable() {
    echo "$1" > "$dir/unavailable"
    echo "slurm_cluster.sh: not started: $1"
    exit 0
}

stop_pidfile() {
    local f="$1"
    [ -f "$f" ] || return 0
    local pid
    pid="$(cat "$f" 2>/dev/null)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$pid" 2>/dev/null
    fi
    rm -f "$f"
}

if [ "$cmd" = stop ]; then
    if [ -f "$conf" ] && command -v scancel >/dev/null; then
        SLURM_CONF="$conf" scancel --full --quiet --user="$(id -un)" 2>/dev/null
    fi
    stop_pidfile "$dir/slurmd.pid"
    stop_pidfile "$dir/slurmctld.pid"
    stop_pidfile "$dir/munged.pid"
    echo "slurm_cluster.sh: stopped"
    exit 0
fi
[ "$cmd" = start ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

rm -f "$dir/unavailable"
[ "$(id -u)" = 0 ] || unavailable "needs root (slurmd runs jobs as their users); run the Slurm suite as root"
for p in munged slurmctld slurmd sbatch squeue sinfo; do
    command -v "$p" >/dev/null || [ -x "/usr/sbin/$p" ] ||
        unavailable "$p not found: install the packages slurm-wlm and munge"
done
PATH="$PATH:/usr/sbin"
id munge >/dev/null 2>&1 || unavailable "no user 'munge' (install the package munge)"

# Munge: a key, then munged as user munge with its socket in DIR.
if [ ! -s /etc/munge/munge.key ]; then
    mkdir -p /etc/munge
    if command -v mungekey >/dev/null; then
        mungekey --create --keyfile=/etc/munge/munge.key >/dev/null 2>&1
    fi
    [ -s /etc/munge/munge.key ] || dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2>/dev/null
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
fi
mkdir -p "$dir/munge" /var/log/munge /var/lib/munge /run/munge
chown munge:munge "$dir/munge" /var/log/munge /var/lib/munge /run/munge
chmod 0755 "$dir/munge"
chmod 0711 "$dir"
socket="$dir/munge/munge.socket"
stop_pidfile "$dir/munged.pid"
runuser -u munge -- munged --socket="$socket" --pid-file="$dir/munge/munged.pid" --force \
    >"$dir/munged.out" 2>&1 || unavailable "munged did not start: $(tail -1 "$dir/munged.out")"
cp "$dir/munge/munged.pid" "$dir/munged.pid" 2>/dev/null

host="$(hostname -s)"
cpus="$(nproc)"
mkdir -p "$dir/state" "$dir/spool" "$dir/log"
cat >"$conf" <<CONF
ClusterName=fglens-test
SlurmctldHost=$host
SlurmctldPort=$((6817 + 100))
SlurmdPort=$((6818 + 100))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CryptoType=crypto/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
KillWait=10
MinJobAge=30
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$conf"
stop_pidfile "$dir/slurmd.pid"
stop_pidfile "$dir/slurmctld.pid"
# -c: a clean start (no jobs from an earlier run of the tests).
slurmctld -c -f "$conf" >"$dir/slurmctld.out" 2>&1 ||
    unavailable "slurmctld did not start: $(tail -1 "$dir/slurmctld.out") (see $dir/log/slurmctld.log)"
slurmd -f "$conf" >"$dir/slurmd.out" 2>&1 ||
    unavailable "slurmd did not start: $(tail -1 "$dir/slurmd.out") (see $dir/log/slurmd.log)"
for _ in $(seq 1 60); do
    state="$(sinfo -h -o '%T' 2>/dev/null | head -1)"
    case "$state" in
    idle*|mixed*|allocated*)
        echo "slurm_cluster.sh: started (SLURM_CONF=$conf, node $host, $cpus CPUs)"
        exit 0 ;;
    down*|drain*)
        scontrol update nodename="$host" state=resume >/dev/null 2>&1 ;;
    esac
    sleep 0.5
done
unavailable "the node did not become idle (sinfo: ${state:-nothing}); see $dir/log/slurmctld.log and slurmd.log"
