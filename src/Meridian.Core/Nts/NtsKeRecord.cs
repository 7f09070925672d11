namespace Meridian.Core.Nts;

/// <summary>One NTS-KE record as read from a message: the critical bit, the 15-bit type and the body (a slice of the message).</summary>
public readonly ref struct NtsKeRecord(bool critical, ushort type, ReadOnlySpan<byte> body)
{
    public bool Critical { get; } = critical;

    /// <summary>The record type without the critical bit (0–32767); compare with <see cref="NtsKeRecordType"/>.</summary>
    public ushort Type { get; } = type;

    public ReadOnlySpan<byte> Body { get; } = body;

    public bool Is(NtsKeRecordType type) => Type == (ushort)type;
}
