namespace Meridian.Protocol;

/// <summary>The NTS extension field types (RFC 8915 §5.3–5.6, IANA "NTP Extension Field Types").</summary>
public static class NtsFieldType
{
    /// <summary>Unique Identifier (§5.3): at least 32 bytes of client randomness, echoed in the reply.</summary>
    public const ushort UniqueIdentifier = 0x0104;

    /// <summary>NTS Cookie (§5.4).</summary>
    public const ushort Cookie = 0x0204;

    /// <summary>NTS Cookie Placeholder (§5.5): room in the request for one more cookie in the reply.</summary>
    public const ushort CookiePlaceholder = 0x0304;

    /// <summary>NTS Authenticator and Encrypted Extension Fields (§5.6).</summary>
    public const ushort Authenticator = 0x0404;

    /// <summary>True for the four NTS types.</summary>
    public static bool IsNts(ushort type) => type is UniqueIdentifier or Cookie or CookiePlaceholder or Authenticator;
}
