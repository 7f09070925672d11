
namespace Meridian.Core.Serving;

/// <summary>Counters summed over serving loops at one moment, with every drop reason.</summary>
public sealed record ServingCountersSnapshot(long Received, long Served, IReadOnlyDictionary<DropReason, long> Drops)
{
    public long KodsSent { get; init; }

    /// <summary>NTS requests verified and answered.</summary>
    public long NtsAuthenticated { get; init; }

    /// <summary>NTS NAKs sent.</summary>
    public long NtsNaks { get; init; }

    /// <summary>Bytes received, IP and UDP headers included.</summary>
    public long BytesReceived { get; init; }

    /// <summary>Bytes sent, IP and UDP headers included.</summary>
    public long BytesSent { get; init; }

    /// <summary>Replies sent in interleaved mode (RFC 9769), also counted in <see cref="Served"/>.</summary>
    public long Interleaved { get; init; }

    /// <summary>How early the basic replies' transmit timestamps were against the kernel's transmit time.</summary>
    public TransmitErrorSummary TransmitErrors { get; init; } = TransmitErrorSummary.Empty;

    /// <summary>Distinct source addresses over all loops.</summary>
    public UniqueCount Clients { get; init; }

    public long DroppedTotal => Drops.Values.Sum();

    public static ServingCountersSnapshot Sum(IEnumerable<ServingCounters> loops)
    {
        var counters = loops.ToList();
        long received = 0;
        long served = 0;
        long kods = 0;
        var drops = Enum.GetValues<DropReason>().Where(r => r != DropReason.None).ToDictionary(r => r, _ => 0L);
        foreach (ServingCounters c in counters)
        {
            received += c.Received;
            served += c.Served;
            kods += c.KodsSent;
            foreach (DropReason reason in drops.Keys)
            {
                drops[reason] += c.Dropped(reason);
            }
        }

        return new ServingCountersSnapshot(received, served, drops)
        {
            KodsSent = kods,
            NtsAuthenticated = counters.Sum(c => c.NtsAuthenticated),
            NtsNaks = counters.Sum(c => c.NtsNaks),
            BytesReceived = counters.Sum(c => c.BytesReceived),
            BytesSent = counters.Sum(c => c.BytesSent),
            Interleaved = counters.Sum(c => c.Interleaved),
            TransmitErrors = TransmitErrorSummary.Sum(counters.Select(c => c.TransmitErrors)),
            Clients = UniqueClientCounter.Merge(counters.Select(c => c.Clients).ToList()),
        };
    }
}
