namespace Meridian.Protocol;

/// <summary>Why the bytes after the NTP header are not a valid sequence of extension fields.</summary>
public enum ExtensionFieldError : byte
{
    None = 0,

    /// <summary>A field's length is below the 16-byte minimum of RFC 7822.</summary>
    LengthTooSmall,

    /// <summary>A field's length is not a multiple of 4.</summary>
    LengthNotAligned,

    /// <summary>A field's length runs past the end of the datagram.</summary>
    BeyondDatagram,

    /// <summary>More fields than the reader's bound.</summary>
    TooMany,

    /// <summary>A remainder too short for a field that is not a MAC length (4, 20 or 24 bytes).</summary>
    BadMacLength,
}
