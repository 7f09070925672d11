namespace Meridian.Core.Leap;

/// <summary>Something wrong in a leap file, at a line (1-based; 0 for the file as a whole), for a FILE:LINE warning.</summary>
public sealed record LeapFileProblem(int Line, string Reason);
