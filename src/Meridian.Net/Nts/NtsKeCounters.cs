using Meridian.Core.Nts;

namespace Meridian.Net.Nts;

/// <summary>
/// The NTS-KE server's counters: connections accepted, handshakes completed, cookies issued,
/// responses by outcome, refusals by reason and refused requests by problem. Written with
/// Interlocked by the connections, read as a snapshot.
/// </summary>
public sealed class NtsKeCounters
{
    private readonly long[] _refusals = new long[Enum.GetValues<NtsKeRefusal>().Length];
    private readonly long[] _problems = new long[Enum.GetValues<NtsKeRequestProblem>().Length];
    private long _connections;
    private long _handshakes;
    private long _accepted;
    private long _cookies;
    private long _active;

    internal void Connection() => Interlocked.Increment(ref _connections);

    internal void Handshake() => Interlocked.Increment(ref _handshakes);

    internal void Accepted(int cookies)
    {
        Interlocked.Increment(ref _accepted);
        Interlocked.Add(ref _cookies, cookies);
    }

    internal void Refused(NtsKeRefusal reason) => Interlocked.Increment(ref _refusals[(int)reason]);

    internal void Problem(NtsKeRequestProblem problem) => Interlocked.Increment(ref _problems[(int)problem]);

    /// <summary>Takes a connection slot; false (and nothing taken) at <paramref name="cap"/>.</summary>
    internal bool TryEnter(int cap)
    {
        if (Interlocked.Increment(ref _active) <= cap)
        {
            return true;
        }

        Interlocked.Decrement(ref _active);
        return false;
    }

    internal void Leave() => Interlocked.Decrement(ref _active);

    public NtsKeCountersSnapshot Snapshot() => new(
        Interlocked.Read(ref _connections),
        Interlocked.Read(ref _handshakes),
        Interlocked.Read(ref _accepted),
        Interlocked.Read(ref _cookies),
        Interlocked.Read(ref _active),
        Enum.GetValues<NtsKeRefusal>().ToDictionary(r => Name(r.ToString()), r => Interlocked.Read(ref _refusals[(int)r])),
        Enum.GetValues<NtsKeRequestProblem>().Where(p => p != NtsKeRequestProblem.None).ToDictionary(p => Name(p.ToString()), p => Interlocked.Read(ref _problems[(int)p])));

    /// <summary>snake_case, as the metrics labels and the status JSON spell reasons.</summary>
    internal static string Name(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
