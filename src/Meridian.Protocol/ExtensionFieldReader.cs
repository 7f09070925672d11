using System.Buffers.Binary;

namespace Meridian.Protocol;

/// <summary>
/// Walks the bytes after a 48-byte NTPv4 header (RFC 7822): extension fields while more than a
/// MAC's worth of bytes remain, then an optional MAC of 4 (crypto-NAK), 20 or 24 bytes.
/// Every length is checked against the datagram and the number of fields is bounded.
/// </summary>
public ref struct ExtensionFieldReader
{
    public const int MinFieldLength = 16;
    public const int MaxMacLength = 24;

    private readonly ReadOnlySpan<byte> _trailer;
    private readonly int _maxFields;
    private int _position;
    private int _count;

    public ExtensionFieldReader(ReadOnlySpan<byte> trailer, int maxFields)
    {
        _trailer = trailer;
        _maxFields = maxFields;
    }

    public ExtensionFieldError Error { get; private set; }

    /// <summary>The MAC (key id and digest) found after the fields, empty when there is none.</summary>
    public ReadOnlySpan<byte> Mac { get; private set; }

    public readonly int Count => _count;

    /// <summary>Reads the next field; false at the end (see <see cref="Mac"/>) or on an error (see <see cref="Error"/>).</summary>
    public bool TryReadNext(out ExtensionField field)
    {
        field = default;
        int remaining = _trailer.Length - _position;
        if (Error != ExtensionFieldError.None || remaining == 0)
        {
            return false;
        }

        if (remaining <= MaxMacLength)
        {
            return EndWithMac(remaining);
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(_trailer.Slice(_position + 2, 2));
        ExtensionFieldError error = length < MinFieldLength ? ExtensionFieldError.LengthTooSmall
            : length % 4 != 0 ? ExtensionFieldError.LengthNotAligned
            : length > remaining ? ExtensionFieldError.BeyondDatagram
            : _count >= _maxFields ? ExtensionFieldError.TooMany
            : ExtensionFieldError.None;
        if (error != ExtensionFieldError.None)
        {
            return Fail(error);
        }

        ushort type = BinaryPrimitives.ReadUInt16BigEndian(_trailer.Slice(_position, 2));
        field = new ExtensionField(type, _trailer.Slice(_position + 4, length - 4));
        _position += length;
        _count++;
        return true;
    }

    /// <summary>Reads to the end; true when every field and the MAC, if any, are well formed.</summary>
    public bool TryReadToEnd()
    {
        while (TryReadNext(out _))
        {
        }

        return Error == ExtensionFieldError.None;
    }

    private bool EndWithMac(int remaining)
    {
        if (remaining is not (4 or 20 or 24))
        {
            return Fail(ExtensionFieldError.BadMacLength);
        }

        Mac = _trailer.Slice(_position, remaining);
        _position += remaining;
        return false;
    }

    private bool Fail(ExtensionFieldError error)
    {
        Error = error;
        return false;
    }
}
