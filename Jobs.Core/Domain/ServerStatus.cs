namespace Jobs.Core.Domain;

/// <summary>CMDB state of a server. Stored as a string. Only <see cref="Online"/> servers become job targets.</summary>
public enum ServerStatus
{
    Online = 0,
    Offline = 1,
    Maintenance = 2,
    /// <summary>
    /// Gone from its inventory source (issue 15). Kept, never deleted, so old jobs still show it; never a target.
    /// Only a sync sets it; a CSV import cannot.
    /// </summary>
    Retired = 3,
}
