using System.Net;
using Meridian.Core.Serving;

namespace Meridian.Net.Tests;

/// <summary>
/// <see cref="ServingEngine.Start(IEnumerable{IPEndPoint}, ServerStateCell, Func{ServingPolicy}, int, RequestAge?)"/>
/// for tests about anything but request age: a serving thread descheduled for more than the
/// production bound (10 ms) on a busy test machine would drop a test's requests as stale, so these
/// engines allow a minute. The bound itself is tested in Core (<c>StaleRequestTests</c>) and shown
/// with the load generator (docs/performance.md).
/// </summary>
internal static class TestEngine
{
    private static readonly RequestAge Patient = new(60);

    public static ServingEngine Start(IEnumerable<IPEndPoint> listen, ServerStateCell state) =>
        ServingEngine.Start(listen, state, () => ServingPolicy.Open(), maxRequestAge: Patient);

    public static ServingEngine Start(IEnumerable<IPEndPoint> listen, ServerStateCell state, Func<ServingPolicy> policy, int workers = 1) =>
        ServingEngine.Start(listen, state, policy, workers, Patient);
}
