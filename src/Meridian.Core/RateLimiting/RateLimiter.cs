using Meridian.Core.Sync;

namespace Meridian.Core.RateLimiting;

/// <summary>
/// Per-client rate limiting (serving policy P7) with the one-timestamp GCRA: a client conforms
/// while its theoretical arrival time is at most (burst − 1) emission intervals ahead of now. Over
/// the limit, 1 in 2^leak requests is still answered (random input from the caller), and a RATE
/// kiss goes out at most once per interval per client. Also keeps the report statistics of each
/// client. One writer: its serving loop. No allocation per decision.
/// </summary>
public sealed class RateLimiter
{
    private readonly RateLimitOptions _options;
    private readonly uint _emission;
    private readonly uint _tolerance;
    private readonly uint _leakMask;
    private readonly uint _kodSpacingSeconds;

    public RateLimiter(RateLimitOptions options, ulong hashKey0, ulong hashKey1)
        : this(options, new ClientTable(options.TableSize, hashKey0, hashKey1))
    {
    }

    private RateLimiter(RateLimitOptions options, ClientTable table)
    {
        _options = options;
        Table = table;
        _emission = (uint)Math.Max(1, Math.Round(options.EmissionIntervalSeconds * ClientTable.TicksPerSecond));
        _tolerance = _emission * (uint)Math.Max(0, options.Burst - 1);
        _leakMask = options.Leak <= 0 ? uint.MaxValue : (1u << Math.Min(options.Leak, 31)) - 1;
        _kodSpacingSeconds = (uint)Math.Max(1, Math.Round(options.IntervalSeconds));
    }

    public ClientTable Table { get; }

    public RateLimitOptions Options => _options;

    /// <summary>
    /// The limiter for new options (a reload). It keeps this limiter's client table, with every
    /// client's bucket, kiss and report state, when the table size and the client prefixes are
    /// unchanged (the records' keys and times stay meaningful); otherwise it starts an empty table
    /// with the given hash keys. Makes nothing shared with the serving loop's writer: the loop
    /// swaps the result in itself, so the table keeps one writer.
    /// </summary>
    public RateLimiter Reconfigured(RateLimitOptions options, ulong hashKey0, ulong hashKey1) =>
        KeepsTable(options)
            ? new RateLimiter(options, Table)
            : new RateLimiter(options, hashKey0, hashKey1);

    /// <summary>Whether <see cref="Reconfigured"/> keeps the client table for these options.</summary>
    public bool KeepsTable(RateLimitOptions options) =>
        options.TableSize == _options.TableSize && options.Prefix4 == _options.Prefix4 && options.Prefix6 == _options.Prefix6;

    /// <param name="random">A fresh random value, for the leak.</param>
    public RateDecision Decide(in NetEndpoint source, MonotonicTime now, bool kissAllowed, uint random)
    {
        uint t = ClientTable.Ticks(now);
        ref ClientRecord client = ref Table.Find(ClientKey.Of(source, _options.Prefix4, _options.Prefix6), t, out bool isNew);
        uint sinceLast = t - client.LastSeen;
        Observe(ref client, t, isNew);

        // The arrival time is never more than burst + one interval past the last request, so a client
        // idle for longer has a full bucket; testing that first keeps the 32-bit tick difference from
        // wrapping for clients silent for months.
        int ahead = isNew || sinceLast > _tolerance + _emission ? 0 : (int)(client.Tat - t);
        if (ahead <= (int)_tolerance)
        {
            client.Tat = (ahead > 0 ? client.Tat : t) + _emission;
            return RateDecision.Allow;
        }

        client.Drops = Increment(client.Drops);
        if (_leakMask != uint.MaxValue && (random & _leakMask) == 0)
        {
            return RateDecision.Allow;
        }

        return kissAllowed && KissDue(ref client, t) ? RateDecision.Kiss : RateDecision.Drop;
    }

    private bool KissDue(ref ClientRecord client, uint t)
    {
        ushort second = (ushort)(t / ClientTable.TicksPerSecond);
        if (client.Kods != 0 && (ushort)(second - client.LastKodSecond) < _kodSpacingSeconds)
        {
            return false;
        }

        client.Kods = client.Kods == byte.MaxValue ? byte.MaxValue : (byte)(client.Kods + 1);
        client.LastKodSecond = second;
        return true;
    }

    private static void Observe(ref ClientRecord client, uint t, bool isNew)
    {
        if (!isNew)
        {
            uint gap = t - client.LastSeen;
            ulong gapUnits = (gap * 1000UL + ClientTable.TicksPerSecond * ClientRecord.GapUnitMs / 2) / (ClientTable.TicksPerSecond * (ulong)ClientRecord.GapUnitMs);
            client.MinGap = (byte)Math.Min(client.MinGap, Math.Min(gapUnits, ClientRecord.NoGap));
            int sixteenths = (int)Math.Min(gap / (ClientTable.TicksPerSecond / 16), ushort.MaxValue);
            client.IntervalSixteenths = client.Packets <= 1
                ? (ushort)sixteenths
                : (ushort)(client.IntervalSixteenths + (sixteenths - client.IntervalSixteenths) / 8);
        }

        client.Packets++;
        client.LastSeen = t;
    }

    private static ushort Increment(ushort value) => value == ushort.MaxValue ? value : (ushort)(value + 1);
}
