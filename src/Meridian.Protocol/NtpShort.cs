using System.Buffers.Binary;

namespace Meridian.Protocol;

/// <summary>The 32-bit NTP short format (RFC 5905 §6): 16 bits of seconds, 16 bits of fraction.</summary>
public readonly record struct NtpShort(uint Value)
{
    public const int Size = 4;

    public static NtpShort Zero => default;

    public static NtpShort MaxValue => new(uint.MaxValue);

    /// <summary>Converts seconds, rounding up and saturating at the format's range (0 to 65536 s).</summary>
    public static NtpShort FromSeconds(double seconds)
    {
        if (!(seconds > 0))
        {
            return Zero;
        }

        double scaled = Math.Ceiling(seconds * 65536.0);
        return scaled >= uint.MaxValue ? MaxValue : new NtpShort((uint)scaled);
    }

    public double ToSeconds() => Value / 65536.0;

    public static NtpShort Read(ReadOnlySpan<byte> source) => new(BinaryPrimitives.ReadUInt32BigEndian(source));

    public void Write(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, Value);

    public override string ToString() => ToSeconds().ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture);
}
