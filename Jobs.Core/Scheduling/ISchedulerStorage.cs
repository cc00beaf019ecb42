using Jobs.Core.Engine;
using Quartz;

namespace Jobs.Core.Scheduling;

/// <summary>
/// Where and how Quartz keeps its triggers on one database: the scheduler's provider seam, one implementation per
/// provider (<c>Jobs.Core/Persistence/{Sqlite,Postgres,SqlServer}</c>), picked once at start-up with the database.
/// </summary>
public interface ISchedulerStorage
{
    /// <summary>Points the persistent store at the database (and turns clustering on where the provider allows it).</summary>
    void Configure(IPersistentStoreBuilder store, SchedulerOptions options);
}
