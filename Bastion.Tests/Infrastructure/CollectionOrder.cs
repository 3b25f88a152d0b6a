// The shared-fixture collections start first (see SharedCollectionsFirstOrderer for why).
[assembly: TestCollectionOrderer(SharedCollectionsFirstOrderer.TypeName, SharedCollectionsFirstOrderer.AssemblyName)]
