namespace Meridian.Protocol;

/// <summary>One RFC 7822 extension field: its type and the value after the 4-byte field header.</summary>
public readonly ref struct ExtensionField(ushort type, ReadOnlySpan<byte> value)
{
    public ushort Type { get; } = type;

    public ReadOnlySpan<byte> Value { get; } = value;
}
