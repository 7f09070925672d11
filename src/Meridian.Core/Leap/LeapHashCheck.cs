namespace Meridian.Core.Leap;

/// <summary>What the <c>#h</c> line of a leap file says about its numbers.</summary>
public enum LeapHashCheck
{
    /// <summary>The SHA-1 of the numbers matches the <c>#h</c> line.</summary>
    Verified,

    /// <summary>No <c>#h</c> line.</summary>
    Missing,

    /// <summary>A <c>#h</c> line that is not five 32-bit hexadecimal words.</summary>
    Malformed,

    /// <summary>The SHA-1 of the numbers differs from the <c>#h</c> line: the file was damaged or edited.</summary>
    Mismatch,
}
