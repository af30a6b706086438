/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.memoryactuator.softlimit;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's own thread, which acts but never samples: the watch's sampler hands it
 * each tick and goes on, so that a collection the controller forces never delays a sample
 * (nor the pre-OOM warning that shares the sampler). A tick offered while the previous
 * one still runs is dropped.
 */
final class ActingThread {

	private static final Logger logger = LoggerFactory.getLogger(SoftLimitController.class);

	private final AtomicBoolean ticking = new AtomicBoolean();

	private volatile @Nullable ExecutorService executor;

	void start() {
		this.executor = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, SoftLimitController.THREAD_NAME);
			thread.setDaemon(true);
			return thread;
		});
	}

	void stop() {
		ExecutorService acting = this.executor;
		this.executor = null;
		if (acting != null) {
			acting.shutdown();
		}
	}

	void offer(Runnable tick) {
		ExecutorService acting = this.executor;
		if (acting != null && this.ticking.compareAndSet(false, true)) {
			try {
				acting.execute(() -> {
					try {
						tick.run();
					}
					catch (RuntimeException ex) {
						logger.warn("Soft limit: a tick failed", ex);
					}
					finally {
						this.ticking.set(false);
					}
				});
			}
			catch (RejectedExecutionException ex) {
				// Stopped between the check and the hand-over.
				this.ticking.set(false);
			}
		}
	}

}
