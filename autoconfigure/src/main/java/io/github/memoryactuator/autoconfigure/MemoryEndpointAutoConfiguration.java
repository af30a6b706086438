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

package io.github.memoryactuator.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;

import io.github.memoryactuator.diagnosis.CaptureDiagnoser;
import io.github.memoryactuator.endpoint.MemoryEndpoint;
import io.github.memoryactuator.endpoint.MemoryEndpointWebExtension;
import io.github.memoryactuator.endpoint.WriteParametersAdvisor;
import io.github.memoryactuator.histogram.ClassHistogramService;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.reclaim.ReclaimListener;
import io.github.memoryactuator.reclaim.ReclaimService;
import io.github.memoryactuator.snapshot.GaugeSnapshotCache;
import io.github.memoryactuator.softlimit.SoftLimitController;
import io.github.memoryactuator.tuning.HeapTuning;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link MemoryEndpoint}, its
 * web extension when it is exposed over HTTP, and the check that holds its write
 * operations to known, valid parameters.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { MemoryActuatorAutoConfiguration.class, MemoryProfilingAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(GaugeSnapshotCache.class)
public final class MemoryEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	MemoryEndpoint memoryEndpoint(GaugeSnapshotCache snapshots, CaptureDiagnoser diagnoser, HeapTuning tuning,
			ReclaimService reclaimer, ObjectProvider<ReclaimListener> listeners, ClassHistogramService histograms,
			ObjectProvider<AllocationProfiler> profiler, ObjectProvider<MemoryHistory> history,
			ObjectProvider<EndpointAccessResolver> access, ObjectProvider<SoftLimitController> softLimit) {
		return new MemoryEndpoint(snapshots, diagnoser, tuning, reclaimer, listeners.orderedStream().toList(),
				histograms, profiler.getIfAvailable(), history.getIfAvailable(), writesAllowed(access.getIfAvailable()),
				softLimit.getIfAvailable());
	}

	// The decision Spring Boot takes when it drops write operations from the endpoint
	// (its operation filter asks the same resolver, with the annotation's default):
	// management.endpoint.memory.access, management.endpoints.access.default and
	// .max-permitted. Asked once: Boot takes it once, when it discovers the endpoints.
	static boolean writesAllowed(@Nullable EndpointAccessResolver resolver) {
		if (resolver == null) {
			return false;
		}
		MergedAnnotation<Endpoint> endpoint = MergedAnnotations.from(MemoryEndpoint.class).get(Endpoint.class);
		return resolver.accessFor(EndpointId.of(endpoint.getString("id")),
				endpoint.getEnum("defaultAccess", Access.class)) == Access.UNRESTRICTED;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(MemoryEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	MemoryEndpointWebExtension memoryEndpointWebExtension(MemoryEndpoint endpoint) {
		return new MemoryEndpointWebExtension(endpoint);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(MemoryEndpoint.class)
	WriteParametersAdvisor memoryActuatorWriteParametersAdvisor() {
		return new WriteParametersAdvisor();
	}

}
