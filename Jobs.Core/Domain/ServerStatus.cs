namespace Jobs.Core.Domain;

/// <summary>CMDB state of a server. Stored as a string. Only <see cref="Online"/> servers become job targets.</summary>
public enum ServerStatus
{
    Online = 0,
    Offline = 1,
    Maintenance = 2,
}
