#!/usr/bin/env python3
"""Take a screenshot of a local page with headless Chromium and leave no process behind.

Usage: screenshot.py <browser> <page-file> <out.png> <width> <height> <profile-dir>

Chromium's zygote and helper processes can outlive the browser process; where nothing
reaps orphans (a container whose PID 1 is not an init) they would stay as zombies. This
script makes itself their subreaper, so it can wait for every one of them.
"""
import ctypes
import os
import signal
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def children():
	mine = str(os.getpid())
	found = []
	for pid in filter(str.isdigit, os.listdir("/proc")):
		try:
			with open(f"/proc/{pid}/stat") as f:
				# the parent pid is the 2nd field after the parenthesised command name
				if f.read().rsplit(")", 1)[1].split()[1] == mine:
					found.append(int(pid))
		except (OSError, IndexError):
			pass
	return found


def main():
	browser, page, out, width, height, profile = sys.argv[1:7]
	try:
		ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
	except (OSError, AttributeError):
		pass
	command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
		f"--user-data-dir={profile}", f"--window-size={width},{height}", "--virtual-time-budget=5000",
		f"--screenshot={out}", f"file://{page}"]
	with open(os.path.join(profile + ".log"), "w") as log:
		process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
		try:
			code = process.wait(timeout=120)
		except subprocess.TimeoutExpired:
			process.kill()
			code = process.wait()
	# give the helpers a moment to exit on their own, then end the rest
	deadline = time.time() + 10
	while True:
		try:
			pid, _ = os.waitpid(-1, os.WNOHANG)
		except ChildProcessError:
			break
		if pid == 0:
			if time.time() > deadline:
				for child in children():
					os.kill(child, signal.SIGKILL)
			time.sleep(0.1)
	if code != 0 or not os.path.exists(out):
		sys.stderr.write(open(profile + ".log").read())
		sys.exit(code or 1)


if __name__ == "__main__":
	main()
