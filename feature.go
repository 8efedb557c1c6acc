package radiator

// FeatureSizes maps a feature's t-shirt size to its feature units: the
// meta-backlog's coarse sizing, where a plain feature is one unit.
var FeatureSizes = map[string]float64{"XS": 0.5, "S": 1, "M": 2, "L": 3, "XL": 5}

// FeatureSizeNames lists the t-shirt sizes from small to large.
var FeatureSizeNames = []string{"XS", "S", "M", "L", "XL"}

// SetSize gives a feature a t-shirt size and the feature units it stands
// for; an empty size keeps the estimate and drops the size. An unknown size
// is kept for Validate to refuse.
func (it *BacklogItem) SetSize(size string) {
	it.Size = size
	if units, ok := FeatureSizes[size]; ok {
		it.Estimate = &units
	}
}

// FeatureUnits is what a feature counts for in release burnups: its
// estimate in feature units, 1 when it has none.
func FeatureUnits(estimate *float64) float64 {
	if estimate == nil {
		return 1
	}
	return *estimate
}
