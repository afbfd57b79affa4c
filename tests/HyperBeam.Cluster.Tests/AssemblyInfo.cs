// Each test runs whole clusters with tight failure-detector timings: two at once on a small machine would starve
// each other's heartbeats and down healthy nodes.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
