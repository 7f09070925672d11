using System.Buffers.Binary;

namespace Meridian.Protocol;

/// <summary>
/// The 64-bit NTP timestamp (RFC 5905 §6): 32 bits of seconds since 1900-01-01 and 32 bits of
/// fraction. The wire value carries no era; <see cref="ToUnixNanoseconds"/> resolves it to the
/// era that places it nearest a pivot, so it stays correct across the 2036 rollover.
/// </summary>
public readonly record struct NtpTimestamp(ulong Value)
{
    public const int Size = 8;

    /// <summary>Seconds from the NTP prime epoch (1900) to the Unix epoch (1970).</summary>
    public const long UnixEpochOffsetSeconds = 2_208_988_800;

    private const long NanosecondsPerSecond = 1_000_000_000;
    private const long SecondsPerEra = 1L << 32;

    public static NtpTimestamp Zero => default;

    public uint Seconds => (uint)(Value >> 32);

    public uint Fraction => (uint)Value;

    /// <summary>
    /// The timestamp for a Unix time. The fraction is rounded up, so converting back with
    /// <see cref="ToUnixNanoseconds"/> returns exactly the same nanoseconds.
    /// </summary>
    public static NtpTimestamp FromUnixTime(long unixSeconds, uint nanoseconds)
    {
        if (nanoseconds >= NanosecondsPerSecond)
        {
            throw new ArgumentOutOfRangeException(nameof(nanoseconds));
        }

        ulong seconds = (ulong)(unixSeconds + UnixEpochOffsetSeconds);
        ulong fraction = (((ulong)nanoseconds << 32) + NanosecondsPerSecond - 1) / NanosecondsPerSecond;
        return new NtpTimestamp((seconds << 32) | fraction);
    }

    public static NtpTimestamp FromUnixNanoseconds(long unixNanoseconds)
    {
        long seconds = Math.DivRem(unixNanoseconds, NanosecondsPerSecond, out long nanoseconds);
        if (nanoseconds < 0)
        {
            seconds--;
            nanoseconds += NanosecondsPerSecond;
        }

        return FromUnixTime(seconds, (uint)nanoseconds);
    }

    /// <summary>
    /// Unix time in nanoseconds, in the era that puts this timestamp within 2^31 seconds of
    /// <paramref name="pivotUnixNanoseconds"/> (RFC 5905 §6: timestamps are unambiguous within
    /// 68 years of a known time).
    /// </summary>
    public long ToUnixNanoseconds(long pivotUnixNanoseconds)
    {
        long pivotNtpSeconds = Math.DivRem(pivotUnixNanoseconds, NanosecondsPerSecond, out long rem) + UnixEpochOffsetSeconds;
        if (rem < 0)
        {
            pivotNtpSeconds--;
        }

        long pivotEra = pivotNtpSeconds >> 32;
        uint pivotSecondsInEra = (uint)pivotNtpSeconds;
        long era = pivotEra;
        long delta = (long)Seconds - pivotSecondsInEra;
        if (delta > int.MaxValue)
        {
            era--;
        }
        else if (delta < int.MinValue)
        {
            era++;
        }

        long ntpSeconds = era * SecondsPerEra + Seconds;
        long nanoseconds = (long)(((ulong)Fraction * NanosecondsPerSecond) >> 32);
        return (ntpSeconds - UnixEpochOffsetSeconds) * NanosecondsPerSecond + nanoseconds;
    }

    /// <summary>
    /// Signed seconds from <paramref name="earlier"/> to this timestamp, by two's-complement
    /// subtraction, so it is correct across an era boundary for intervals under 68 years.
    /// </summary>
    public double SecondsSince(NtpTimestamp earlier) => (long)(Value - earlier.Value) / 4294967296.0;

    public static NtpTimestamp Read(ReadOnlySpan<byte> source) => new(BinaryPrimitives.ReadUInt64BigEndian(source));

    public void Write(Span<byte> destination) => BinaryPrimitives.WriteUInt64BigEndian(destination, Value);

    public override string ToString() => $"{Seconds:x8}.{Fraction:x8}";
}
