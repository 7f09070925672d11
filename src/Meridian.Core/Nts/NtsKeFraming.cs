namespace Meridian.Core.Nts;

/// <summary>Whether the bytes read so far hold a whole NTS-KE message (<see cref="NtsKeRecords.Frame"/>).</summary>
public enum NtsKeFraming
{
    Incomplete,
    Complete,
    TooLarge,
}
