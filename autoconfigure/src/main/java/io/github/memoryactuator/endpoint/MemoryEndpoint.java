package io.github.memoryactuator.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.Assert;

import io.github.memoryactuator.snapshot.MemorySnapshot;

/**
 * {@link Endpoint @Endpoint} that shows where this process's memory goes. Read-only by
 * default: the write operation needs {@code management.endpoint.memory.access=unrestricted}.
 *
 * @since 0.1.0
 */
@Endpoint(id = "memory", defaultAccess = Access.READ_ONLY)
public class MemoryEndpoint {

	static final List<String> SECTIONS = List.of("process", "jvm", "gc", "container");

	private final Supplier<MemorySnapshot> snapshots;

	/**
	 * Create an endpoint.
	 * @param snapshots the source of gauge-depth snapshots
	 */
	public MemoryEndpoint(Supplier<MemorySnapshot> snapshots) {
		Assert.notNull(snapshots, "'snapshots' must not be null");
		this.snapshots = snapshots;
	}

	@ReadOperation
	public MemoryReport memory() {
		MemorySnapshot snapshot = this.snapshots.get();
		return new MemoryReport(snapshot.capturedAt(), Sections.ProcessSection.of(snapshot.process()),
				Sections.JvmSection.of(snapshot), Sections.GcSection.of(snapshot),
				Sections.ContainerSection.of(snapshot.container()));
	}

	@ReadOperation
	public WebEndpointResponse<Object> section(@Selector String section) {
		MemorySnapshot snapshot = this.snapshots.get();
		Object body = switch (section) {
			case "process" -> Sections.ProcessSection.of(snapshot.process());
			case "jvm" -> Sections.JvmSection.of(snapshot);
			case "gc" -> Sections.GcSection.of(snapshot);
			case "container" -> Sections.ContainerSection.of(snapshot.container());
			default -> null;
		};
		if (body == null) {
			return new WebEndpointResponse<>(
					Map.of("error", "Unknown section '" + section + "'; the sections are " + String.join(", ", SECTIONS)),
					WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
	}

	/**
	 * The whole report.
	 *
	 * @param capturedAt when the figures were read
	 * @param process {@code /proc/self/status}
	 * @param jvm the MXBeans and the live set
	 * @param gc collectors, headroom and recent live-set points
	 * @param container the memory cgroup
	 */
	public record MemoryReport(Instant capturedAt, Sections.ProcessSection process, Sections.JvmSection jvm,
			Sections.GcSection gc, Sections.ContainerSection container) implements OperationResponseBody {
	}

}
