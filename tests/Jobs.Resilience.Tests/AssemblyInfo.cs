// One real JOBS process (or two) at a time: these tests measure kills and outages on a 2-core machine, so they never
// share it with each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
