using Meridian.Core.Time;

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
    private readonly DebtLimits _debt;
    private readonly uint _leakMask;
    private readonly uint _kodSpacingSeconds;
    private readonly long _overflowEmissionNs;
    private readonly long _overflowToleranceNs;
    private long _overflowTatNs;

    public RateLimiter(RateLimitOptions options, ulong hashKey0, ulong hashKey1)
        : this(options, new ClientTable(options.TableSize, hashKey0, hashKey1))
    {
    }

    private RateLimiter(RateLimitOptions options, ClientTable table)
    {
        _options = options;
        Table = table;
        uint emission = (uint)Math.Max(1, Math.Round(options.EmissionIntervalSeconds * ClientTable.TicksPerSecond));
        _debt = new DebtLimits(emission, emission * (uint)Math.Max(0, options.Burst - 1));

        // The clients that overflow their bucket share the allowance of one client per bucket.
        _overflowEmissionNs = Math.Max(1, (long)(options.EmissionIntervalSeconds * 1e9 / Table.Buckets));
        _overflowToleranceNs = _overflowEmissionNs * Math.Max(0, options.Burst - 1);
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
    public RateDecision Decide(in NetEndpoint source, MonotonicTime now, bool kissAllowed, uint random) =>
        Decide(source, now, kissAllowed, random, out _);

    /// <param name="random">A fresh random value, for the leak.</param>
    /// <param name="standing">
    /// What the table knows of the client, for the global budget; <see cref="ClientStanding.Unknown"/>
    /// unless the request is within the limit (a leaked or kissed answer never comes first).
    /// </param>
    public RateDecision Decide(in NetEndpoint source, MonotonicTime now, bool kissAllowed, uint random, out ClientStanding standing)
    {
        ref ClientRecord client = ref Find(source, now, out uint t, out ClientLookup lookup, out uint sinceLast);
        if (lookup == ClientLookup.Overflow)
        {
            standing = ClientStanding.Unknown;
            return DecideOverflow(now, random);
        }

        bool isNew = lookup == ClientLookup.New;

        // The arrival time is never more than burst + one interval past the last request, so a client
        // idle for longer has a full bucket; testing that first keeps the 32-bit tick difference from
        // wrapping for clients silent for months.
        int ahead = isNew || sinceLast > _debt.ToleranceTicks + _debt.EmissionTicks ? 0 : (int)(client.Tat - t);
        if (ahead <= (int)_debt.ToleranceTicks)
        {
            client.Tat = (ahead > 0 ? client.Tat : t) + _debt.EmissionTicks;
            standing = Standing(client, t, sinceLast);
            return RateDecision.Allow;
        }

        standing = ClientStanding.Unknown;
        client.Drops = Increment(client.Drops);
        if (_leakMask != uint.MaxValue && (random & _leakMask) == 0)
        {
            return RateDecision.Allow;
        }

        return kissAllowed && KissDue(ref client, t) ? RateDecision.Kiss : RateDecision.Drop;
    }

    /// <summary>
    /// Records a request from a client exempt from limiting (its rule lacks <c>limited</c>) when a
    /// global budget needs to know who polls regularly: the statistics only, never a refusal.
    /// </summary>
    public ClientStanding Track(in NetEndpoint source, MonotonicTime now)
    {
        ref ClientRecord client = ref Find(source, now, out uint t, out ClientLookup lookup, out uint sinceLast);
        if (lookup == ClientLookup.Overflow)
        {
            return ClientStanding.Unknown;
        }

        if (lookup == ClientLookup.New || sinceLast > _debt.ToleranceTicks + _debt.EmissionTicks || (int)(client.Tat - t) < 0)
        {
            client.Tat = t;
        }

        return Standing(client, t, sinceLast);
    }

    /// <summary>
    /// The client's record with this request counted in its statistics, the time in ticks (held at
    /// the last sighting when the clock reads up to <see cref="ClientTable.MaxStepBackTicks"/> earlier)
    /// and the ticks since the previous request.
    /// </summary>
    private ref ClientRecord Find(in NetEndpoint source, MonotonicTime now, out uint t, out ClientLookup lookup, out uint sinceLast)
    {
        t = ClientTable.Ticks(now);
        ref ClientRecord client = ref Table.Locate(ClientKey.Of(source, _options.Prefix4, _options.Prefix6), t, _debt, out lookup);
        sinceLast = ClientTable.Elapsed(t, client.LastSeen);
        if (sinceLast == 0)
        {
            t = client.LastSeen;
        }

        Observe(ref client, t, sinceLast, lookup != ClientLookup.Found);
        return ref client;
    }

    /// <summary>
    /// A client that overflowed its bucket (no record of its own): all such clients together get one
    /// client's allowance per bucket of the table, GCRA in nanoseconds, and never a kiss.
    /// </summary>
    private RateDecision DecideOverflow(MonotonicTime now, uint random)
    {
        long ahead = _overflowTatNs - now.Nanoseconds;
        if (ahead <= _overflowToleranceNs)
        {
            _overflowTatNs = (ahead > 0 ? _overflowTatNs : now.Nanoseconds) + _overflowEmissionNs;
            return RateDecision.Allow;
        }

        return _leakMask != uint.MaxValue && (random & _leakMask) == 0 ? RateDecision.Allow : RateDecision.Drop;
    }

    private static ClientStanding Standing(in ClientRecord client, uint t, uint sinceLast) =>
        ClientTable.PollsRegularly(client, sinceLast) ? new ClientStanding(true, ClientTable.Elapsed(t, client.FirstSeen)) : ClientStanding.Unknown;

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

    private static void Observe(ref ClientRecord client, uint t, uint gap, bool isNew)
    {
        if (!isNew)
        {
            ulong gapUnits = (gap * 1000UL + ClientTable.TicksPerSecond * ClientRecord.GapUnitMs / 2) / (ClientTable.TicksPerSecond * (ulong)ClientRecord.GapUnitMs);
            client.MinGap = (byte)Math.Min(client.MinGap, Math.Min(gapUnits, ClientRecord.NoGap));
            int sixteenths = (int)Math.Min(gap / (ClientTable.TicksPerSecond / 16), ushort.MaxValue);
            client.IntervalSixteenths = client.Packets <= 1
                ? (ushort)sixteenths
                : (ushort)(client.IntervalSixteenths + (sixteenths - client.IntervalSixteenths) / 8);
        }

        client.Packets++;
        client.LastSeen = t;

        // Ages are 32-bit tick differences: hold the first sighting within 97 days, so a client
        // known for longer is never taken for a new one.
        if (t - client.FirstSeen > int.MaxValue)
        {
            client.FirstSeen = t - int.MaxValue;
        }
    }

    private static ushort Increment(ushort value) => value == ushort.MaxValue ? value : (ushort)(value + 1);
}
