package org.hessrank.exact;

class MultiModularContractTest extends RankEngineContract {
    @Override
    protected RankEngine engine() {
        return MultiModularRank.of(20261122L);
    }
}
